import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createFakeElectron } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { buildMenuTemplate, DOCUMENTATION_URL, USER_GUIDE_URL } = await import('../../../src-main/electron/menu');
const { isAllowedExternalUrl } = await import('../../../src-main/core/external-links');

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

const build = (over: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) => {
  const options = {
    appName: 'Portolan',
    isMac: false,
    isPackaged: true,
    exportHistory: vi.fn(),
    openExternal: vi.fn(),
    openSettings: vi.fn(),
    openLogFolder: vi.fn(),
    openDataFolder: vi.fn(),
    menuCommand: vi.fn(),
    ...over,
  };
  return { options, template: buildMenuTemplate(options) };
};
const roles = (t: MenuItemConstructorOptions[]) => flatten(t).map((i) => i.role).filter(Boolean);

describe('application menu', () => {
  it('has File, Edit, View, Go and Help; on macOS the app menu first and a Window menu', () => {
    expect(build().template.map((i) => i.label)).toEqual(['File', 'Edit', 'View', 'Go', 'Help']);
    expect(build({ isMac: true }).template.map((i) => i.role ?? i.label)).toEqual(['Portolan', 'File', 'Edit', 'View', 'Go', 'windowMenu', 'help']);
    expect(roles(build().template)).not.toContain('windowMenu');
  });

  it('offers Settings… on CmdOrCtrl+, (macOS: in the app menu; elsewhere: in File) and it only asks for the Settings screen', () => {
    for (const isMac of [false, true]) {
      const { template, options } = build({ isMac });
      const settings = flatten(template).filter((i) => i.label === 'Settings…');
      expect(settings).toHaveLength(1);
      expect(settings[0]!.accelerator).toBe('CmdOrCtrl+,');
      const home = template.find((m) => Array.isArray(m.submenu) && m.submenu.includes(settings[0]!));
      expect(home?.label).toBe(isMac ? 'Portolan' : 'File');
      (settings[0]!.click as () => void)();
      expect(options.openSettings).toHaveBeenCalledTimes(1);
    }
  });

  it('macOS app menu keeps the standard items', () => {
    expect(roles([build({ isMac: true }).template[0]!])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('Help opens the log folder, the data folder and the user guide (an allow-listed page)', () => {
    const { template, options } = build();
    const help = template.find((m) => m.label === 'Help')!;
    const items = flatten([help]);
    (items.find((i) => i.label === 'Open log folder')!.click as () => void)();
    expect(options.openLogFolder).toHaveBeenCalledTimes(1);
    (items.find((i) => i.label === 'Open data folder')!.click as () => void)();
    expect(options.openDataFolder).toHaveBeenCalledTimes(1);
    (items.find((i) => i.label === 'User guide')!.click as () => void)();
    expect(options.openExternal).toHaveBeenCalledWith(USER_GUIDE_URL);
    expect(USER_GUIDE_URL).toBe('https://github.com/portolan-app/portolan#readme');
    expect(isAllowedExternalUrl(USER_GUIDE_URL)).toBe(true);
  });

  it('offers no reload and no DevTools in packaged builds', () => {
    const r = roles(build({ isPackaged: true }).template);
    expect(r).not.toContain('toggleDevTools');
    expect(r).not.toContain('reload');
    expect(r).not.toContain('forceReload');
    expect(r).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'about']));
  });

  it('offers reload and DevTools in development', () => {
    expect(roles(build({ isPackaged: false }).template)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('runs Export history… in main and opens documentation on an allow-listed host', () => {
    const { template, options } = build();
    const items = flatten(template);
    (items.find((i) => i.label === 'Export history…')!.click as () => void)();
    expect(options.exportHistory).toHaveBeenCalledTimes(1);
    (items.find((i) => i.label === 'Graph hostPort API reference')!.click as () => void)();
    expect(options.openExternal).toHaveBeenCalledWith(DOCUMENTATION_URL);
    expect(isAllowedExternalUrl(DOCUMENTATION_URL)).toBe(true);
  });

  it('Go lists the keyboard shortcuts; each item sends its action name and nothing else', () => {
    const expected: [string, string, string, string, boolean][] = [
      ['Focus Host', 'focusHost', 'CmdOrCtrl+L', 'CmdOrCtrl+L', true],
      ['Search history', 'focusSearch', '/', '/', false],
      ['Command palette…', 'palette', 'CmdOrCtrl+K', 'CmdOrCtrl+K', true],
      ['Back', 'back', 'Alt+Left', 'Cmd+[', true],
      ['Forward', 'forward', 'Alt+Right', 'Cmd+]', true],
      ['Keyboard shortcuts', 'help', '?', '?', false],
    ];
    for (const isMac of [false, true]) {
      const menuCommand = vi.fn();
      const { template } = build({ isMac, menuCommand });
      const go = template.find((m) => m.label === 'Go')!;
      const items = (go.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
      expect(items.map((i) => i.label)).toEqual(expected.map((e) => e[0]));
      for (const [label, command, other, mac, registered] of expected) {
        const item = items.find((i) => i.label === label)!;
        expect(item.accelerator).toBe(isMac ? mac : other);
        // Printable keys are shown only: registered, they would be taken from every text field.
        expect(item.registerAccelerator ?? true).toBe(registered);
        menuCommand.mockClear();
        (item.click as () => void)();
        expect(menuCommand.mock.calls).toEqual([[command]]);
      }
    }
  });
});
