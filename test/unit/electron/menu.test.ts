import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createFakeElectron } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { buildMenuTemplate, DOCUMENTATION_URL } = await import('../../../src-main/electron/menu');
const { isAllowedExternalUrl } = await import('../../../src-main/core/external-links');

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

const build = (over: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) => {
  const options = { appName: 'Portolan', isMac: false, isPackaged: true, exportHistory: vi.fn(), openExternal: vi.fn(), ...over };
  return { options, template: buildMenuTemplate(options) };
};
const roles = (t: MenuItemConstructorOptions[]) => flatten(t).map((i) => i.role).filter(Boolean);

describe('application menu', () => {
  it('has File, Edit, View and Help', () => {
    expect(build().template.map((i) => i.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(build({ isMac: true }).template.map((i) => i.role ?? i.label)).toEqual(['appMenu', 'File', 'Edit', 'View', 'help']);
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
    (items.find((i) => i.label === 'Documentation')!.click as () => void)();
    expect(options.openExternal).toHaveBeenCalledWith(DOCUMENTATION_URL);
    expect(isAllowedExternalUrl(DOCUMENTATION_URL)).toBe(true);
  });
});
