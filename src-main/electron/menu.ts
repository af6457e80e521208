// The application menu. Mostly roles (Electron implements them natively) and links. The one command that
// needs data, File › Export history…, runs entirely in main (core handler + native save dialog), so the
// preload needs no menu-event channel and its API stays a single invoke().
import type { MenuItemConstructorOptions } from 'electron';

export const DOCUMENTATION_URL = 'https://learn.microsoft.com/en-us/graph/api/resources/security-hostport?view=graph-rest-1.0';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Packaged builds get no reload and no DevTools: both are debugging tools, and reload drops state. */
  isPackaged: boolean;
  exportHistory(): void;
  openExternal(url: string): void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const dev = !options.isPackaged;
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) template.push({ label: options.appName, role: 'appMenu' });
  template.push(
    {
      label: 'File',
      submenu: [
        { label: 'Export history…', accelerator: 'CmdOrCtrl+Shift+E', click: () => options.exportHistory() },
        { type: 'separator' },
        options.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(dev ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const) : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      role: 'help',
      submenu: [
        { label: 'Documentation', click: () => options.openExternal(DOCUMENTATION_URL) },
        { type: 'separator' },
        { role: 'about' },
      ],
    },
  );
  return template;
}
