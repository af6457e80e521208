// The app's keyboard shortcuts: one table read by the key handler, the help overlay and the README. Kept free of
// the DOM so the decisions (which key does what, and when a key belongs to the text field instead) are testable.

export type ShortcutAction = 'focusHost' | 'palette' | 'focusSearch' | 'close' | 'back' | 'forward' | 'help';

/** The parts of a KeyboardEvent the map looks at. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface KeyContext {
  /** macOS: the command key plays the part of Ctrl. */
  mac: boolean;
  /** Focus is in a text field, select or other control that takes typed characters. */
  typing: boolean;
  /** A dialog (help, palette, confirmation) is open: it handles its own keys. */
  dialogOpen: boolean;
}

export interface ShortcutDoc {
  action: ShortcutAction;
  keys: (mac: boolean) => string[];
  description: string;
}

const mod = (mac: boolean) => (mac ? 'Cmd' : 'Ctrl');

export const SHORTCUTS: readonly ShortcutDoc[] = [
  { action: 'focusHost', keys: (mac) => [`${mod(mac)}+L`], description: 'Go to Lookup and focus Host' },
  { action: 'palette', keys: (mac) => [`${mod(mac)}+K`], description: 'Open the command palette' },
  { action: 'focusSearch', keys: () => ['/'], description: 'Focus the history search' },
  { action: 'close', keys: () => ['Escape'], description: 'Close the comparison, or leave the saved entry for the History list' },
  { action: 'back', keys: () => ['Alt+Left'], description: 'Go back (the previous screen or saved entry)' },
  { action: 'forward', keys: () => ['Alt+Right'], description: 'Go forward' },
  { action: 'help', keys: () => ['?'], description: 'Show this list of shortcuts' },
];

/**
 * What a key press asks for, or null when it is not a shortcut here. Printable keys (`/`, `?`) and Escape
 * belong to the field being typed in; chords with Ctrl/Cmd or Alt work everywhere except inside dialogs.
 */
export function shortcutFor(e: KeyLike, ctx: KeyContext): ShortcutAction | null {
  if (ctx.dialogOpen) return null;
  const primary = ctx.mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (primary && !e.altKey && !e.shiftKey) {
    if (key === 'l') return 'focusHost';
    if (key === 'k') return 'palette';
    return null;
  }
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
    if (key === 'ArrowLeft') return 'back';
    if (key === 'ArrowRight') return 'forward';
    return null;
  }
  if (e.ctrlKey || e.metaKey || e.altKey || ctx.typing) return null;
  if (key === '/') return 'focusSearch';
  if (key === '?') return 'help';
  if (key === 'Escape') return 'close';
  return null;
}

/** Shortcut lines for the help overlay and the README, in the order of SHORTCUTS. */
export function shortcutLines(mac: boolean): { keys: string[]; description: string }[] {
  return SHORTCUTS.map((s) => ({ keys: s.keys(mac), description: s.description }));
}
