// The application menu. Mostly roles (Electron implements them natively) and links. The one command that
// needs data, File › Export history…, runs entirely in main (core handler + native save dialog). Settings…
// only nudges the renderer (a notification without data) to show its Settings screen; the Go menu's items send
// the page the name of a keyboard shortcut's action (menu-go.ts).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/channels';
import { buildGoMenu } from './menu-go';

export const DOCUMENTATION_URL = 'https://learn.microsoft.com/en-us/graph/api/resources/security-hostport?view=graph-rest-1.0';

/** The README's user section on the project page. */
export const USER_GUIDE_URL = 'https://github.com/portolan-app/portolan#readme';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Packaged builds get no reload and no DevTools: both are debugging tools, and reload drops state. */
  isPackaged: boolean;
  exportHistory(): void;
  openExternal(url: string): void;
  openSettings(): void;
  /** A Go menu item: the page runs the keyboard shortcut's action of that name. */
  menuCommand(name: MenuCommand): void;
  /** The folder with portolan.log and its rotated predecessors. */
  openLogFolder(): void;
  /** The user-data folder: settings, history, token cache, window state. */
  openDataFolder(): void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const dev = !options.isPackaged;
  const template: MenuItemConstructorOptions[] = [];
  const settings: MenuItemConstructorOptions = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => options.openSettings() };
  if (options.isMac) {
    // Spelled out rather than role 'appMenu', which has no place for Settings…, where macOS users look for it.
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: 'File',
      submenu: [
        { label: 'Export history…', accelerator: 'CmdOrCtrl+Shift+E', click: () => options.exportHistory() },
        ...(options.isMac ? [] : ([{ type: 'separator' }, settings] as const)),
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
    buildGoMenu(options.isMac, (name) => options.menuCommand(name)),
    ...(options.isMac ? [{ role: 'windowMenu' } as const] : []),
    {
      label: 'Help',
      role: 'help',
      submenu: [
        { label: 'User guide', click: () => options.openExternal(USER_GUIDE_URL) },
        { label: 'Graph hostPort API reference', click: () => options.openExternal(DOCUMENTATION_URL) },
        { type: 'separator' },
        { label: 'Open log folder', click: () => options.openLogFolder() },
        { label: 'Open data folder', click: () => options.openDataFolder() },
        ...(options.isMac ? [] : ([{ type: 'separator' }, { role: 'about' }] as const)),
      ],
    },
  );
  return template;
}
