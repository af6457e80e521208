// The Go menu: the app's keyboard shortcuts as menu items, so they can be found (and clicked) where desktop users
// look. Each item sends one command name to the page, which runs the same action as the key. '/' and '?' are
// shown but not registered: as accelerators they would swallow those characters in every text field, and the page
// already handles them when no field has focus.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/channels';

export function buildGoMenu(isMac: boolean, command: (name: MenuCommand) => void): MenuItemConstructorOptions {
  const item = (label: string, name: MenuCommand, accelerator: string, register = true): MenuItemConstructorOptions => ({
    label,
    accelerator,
    ...(register ? {} : { registerAccelerator: false }),
    click: () => command(name),
  });
  return {
    label: 'Go',
    submenu: [
      item('Focus Host', 'focusHost', 'CmdOrCtrl+L'),
      item('Search history', 'focusSearch', '/', false),
      item('Command palette…', 'palette', 'CmdOrCtrl+K'),
      { type: 'separator' },
      // macOS apps go back with Cmd+[ (Option+Left moves by word in text there); elsewhere Alt+Left, as browsers do.
      item('Back', 'back', isMac ? 'Cmd+[' : 'Alt+Left'),
      item('Forward', 'forward', isMac ? 'Cmd+]' : 'Alt+Right'),
      { type: 'separator' },
      item('Keyboard shortcuts', 'help', '?', false),
    ],
  };
}
