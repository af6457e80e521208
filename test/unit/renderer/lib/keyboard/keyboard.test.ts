import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor, shortcutLines, type KeyLike } from '../../../../../src-renderer/lib/keyboard/keymap';
import { NavStack } from '../../../../../src-renderer/lib/keyboard/nav-stack';
import { paletteItems, targetLabel } from '../../../../../src-renderer/lib/keyboard/palette-items';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
const pc = { mac: false, typing: false, dialogOpen: false };
const mac = { mac: true, typing: false, dialogOpen: false };

describe('shortcutFor', () => {
  it('maps Ctrl+L and Ctrl+K on Windows/Linux, Cmd on macOS, and not the other way round', () => {
    expect(shortcutFor(key('l', { ctrlKey: true }), pc)).toBe('focusHost');
    expect(shortcutFor(key('L', { ctrlKey: true }), pc)).toBe('focusHost');
    expect(shortcutFor(key('k', { ctrlKey: true }), pc)).toBe('palette');
    expect(shortcutFor(key('l', { metaKey: true }), mac)).toBe('focusHost');
    expect(shortcutFor(key('k', { metaKey: true }), mac)).toBe('palette');
    expect(shortcutFor(key('l', { metaKey: true }), pc)).toBeNull();
    expect(shortcutFor(key('l', { ctrlKey: true }), mac)).toBeNull();
    expect(shortcutFor(key('l', { ctrlKey: true, shiftKey: true }), pc)).toBeNull();
  });

  it('chords work while typing, printable keys and Escape stay with the text field', () => {
    const typing = { ...pc, typing: true };
    expect(shortcutFor(key('l', { ctrlKey: true }), typing)).toBe('focusHost');
    expect(shortcutFor(key('ArrowLeft', { altKey: true }), typing)).toBe('back');
    expect(shortcutFor(key('/'), typing)).toBeNull();
    expect(shortcutFor(key('?', { shiftKey: true }), typing)).toBeNull();
    expect(shortcutFor(key('Escape'), typing)).toBeNull();
  });

  it('maps /, ?, Escape, Alt+Left and Alt+Right outside text fields', () => {
    expect(shortcutFor(key('/'), pc)).toBe('focusSearch');
    expect(shortcutFor(key('?', { shiftKey: true }), pc)).toBe('help');
    expect(shortcutFor(key('Escape'), pc)).toBe('close');
    expect(shortcutFor(key('ArrowLeft', { altKey: true }), pc)).toBe('back');
    expect(shortcutFor(key('ArrowRight', { altKey: true }), pc)).toBe('forward');
    expect(shortcutFor(key('ArrowLeft'), pc)).toBeNull();
    expect(shortcutFor(key('a'), pc)).toBeNull();
    expect(shortcutFor(key('/', { ctrlKey: true }), pc)).toBeNull();
  });

  it('leaves every key to an open dialog', () => {
    const open = { ...pc, dialogOpen: true };
    expect(shortcutFor(key('k', { ctrlKey: true }), open)).toBeNull();
    expect(shortcutFor(key('Escape'), open)).toBeNull();
  });

  it('documents every action once, with the platform modifier', () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
    expect(shortcutLines(true)[0]?.keys).toEqual(['Cmd+L']);
    expect(shortcutLines(false)[1]?.keys).toEqual(['Ctrl+K']);
  });
});

describe('NavStack', () => {
  it('goes back and forward like a browser, and a new visit drops the way forward', () => {
    const nav = new NavStack<string>();
    nav.visit('lookup', 'history');
    nav.visit('history', 'settings');
    expect(nav.back('settings')).toBe('history');
    expect(nav.back('history')).toBe('lookup');
    expect(nav.back('lookup')).toBeNull();
    expect(nav.forward('lookup')).toBe('history');
    nav.visit('history', 'lookup');
    expect(nav.canGoForward).toBe(false);
    expect(nav.back('lookup')).toBe('history');
  });

  it('ignores moves to the same place and keeps at most the limit', () => {
    const nav = new NavStack<number>(Object.is, 3);
    nav.visit(1, 1);
    expect(nav.canGoBack).toBe(false);
    for (let i = 0; i < 10; i++) nav.visit(i, i + 1);
    expect([nav.back(10), nav.back(9), nav.back(8), nav.back(7)]).toEqual([9, 8, 7, null]);
  });
});

describe('paletteItems', () => {
  const saved = [
    { hostPortId: 'a', host: '203.0.113.5', port: 443, pinned: true },
    { hostPortId: 'b', host: '2001:db8::1', port: 22, pinned: false },
    { hostPortId: 'c', host: 'mail.example.org', port: 25, pinned: false },
  ];

  it('offers actions, pinned then recent lookups, and no search without text', () => {
    const items = paletteItems('', { entryOpen: false, canCompare: false, saved });
    expect(items.map((i) => i.group)).not.toContain('Search');
    expect(items.find((i) => i.command.kind === 'action' && i.command.action === 'compare')).toBeUndefined();
    expect(items.filter((i) => i.group === 'Pinned').map((i) => i.label)).toEqual(['203.0.113.5:443']);
    expect(items.filter((i) => i.group === 'Recent').map((i) => i.label)).toEqual(['[2001:db8::1]:22', 'mail.example.org:25']);
  });

  it('filters by every typed word and ends with a history search for the text', () => {
    const items = paletteItems(' mail 25 ', { entryOpen: true, canCompare: true, saved });
    expect(items.map((i) => i.label)).toEqual(['mail.example.org:25', 'Search history for “mail 25”']);
    expect(items.at(-1)?.command).toEqual({ kind: 'search', text: 'mail 25' });
  });

  it('offers Compare with previous only in an entry with two snapshots', () => {
    const compare = (ctx: { entryOpen: boolean; canCompare: boolean }) => paletteItems('compare', { ...ctx, saved: [] }).map((i) => i.id);
    expect(compare({ entryOpen: true, canCompare: true })).toEqual(['action:compare', 'search']);
    expect(compare({ entryOpen: true, canCompare: false })).toEqual(['search']);
  });

  it('labels a target without a host by its id', () => {
    expect(targetLabel({ hostPortId: 'opaque', host: null, port: null })).toBe('opaque');
  });
});
