// What the command palette offers for the text typed so far: actions, pinned and recent lookups, and a history
// search for the text itself. Pure, so the matching and ordering are tested without a page.

export type PaletteCommand =
  | { kind: 'action'; action: 'export' | 'compare' | 'settings' | 'history' | 'lookup' | 'help' }
  | { kind: 'open'; hostPortId: string }
  | { kind: 'search'; text: string };

export interface PaletteItem {
  id: string;
  label: string;
  group: 'Actions' | 'Pinned' | 'Recent' | 'Search';
  command: PaletteCommand;
}

export interface SavedTarget {
  hostPortId: string;
  host: string | null;
  port: number | null;
  pinned: boolean;
}

export interface PaletteContext {
  /** A saved entry is open (Export and Compare with previous act on it). */
  entryOpen: boolean;
  /** The open entry has at least two snapshots. */
  canCompare: boolean;
  saved: readonly SavedTarget[];
}

const ACTIONS: { action: Extract<PaletteCommand, { kind: 'action' }>['action']; label: string; needs?: 'entry' | 'compare' }[] = [
  { action: 'lookup', label: 'Go to Lookup' },
  { action: 'history', label: 'Go to History' },
  { action: 'settings', label: 'Go to Settings' },
  { action: 'export', label: 'Export (JSON) what History shows' },
  { action: 'compare', label: 'Compare with previous snapshot', needs: 'compare' },
  { action: 'help', label: 'Keyboard shortcuts' },
];

export function targetLabel(t: Pick<SavedTarget, 'host' | 'port' | 'hostPortId'>): string {
  if (t.host === null) return t.hostPortId;
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return t.port === null ? host : `${host}:${t.port}`;
}

const matches = (label: string, words: string[]) => {
  const l = label.toLowerCase();
  return words.every((w) => l.includes(w));
};

/** At most `limit` saved targets per group; actions that do not apply right now are left out. */
export function paletteItems(query: string, ctx: PaletteContext, limit = 8): PaletteItem[] {
  const q = query.trim();
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const items: PaletteItem[] = [];
  for (const a of ACTIONS) {
    if (a.needs === 'compare' && !(ctx.entryOpen && ctx.canCompare)) continue;
    if (matches(a.label, words)) items.push({ id: `action:${a.action}`, label: a.label, group: 'Actions', command: { kind: 'action', action: a.action } });
  }
  for (const group of ['Pinned', 'Recent'] as const) {
    const pool = ctx.saved.filter((s) => s.pinned === (group === 'Pinned') && matches(targetLabel(s), words));
    for (const s of pool.slice(0, limit)) {
      items.push({ id: `open:${s.hostPortId}`, label: targetLabel(s), group, command: { kind: 'open', hostPortId: s.hostPortId } });
    }
  }
  if (q) items.push({ id: 'search', label: `Search history for “${q}”`, group: 'Search', command: { kind: 'search', text: q } });
  return items;
}
