// Notes, tags and pins per hostPort: one conf store, rewritten whole on every change (it stays small).
import { SCHEMA_VERSION } from './layout';
import type { HostPortMeta } from './memory-index';
import type { HistoryState } from './state';

export const META_FORMAT = 'portolan-history-meta';

export function isMetaFile(d: Record<string, unknown>): boolean {
  return d.format === META_FORMAT && typeof d.hostPorts === 'object';
}

export function loadMeta(state: HistoryState, data: Record<string, unknown>): void {
  for (const [id, m] of Object.entries((data.hostPorts ?? {}) as Record<string, unknown>)) {
    const clean = cleanMeta(m);
    if (clean) state.mem.setMeta(id, clean);
  }
}

export function saveMeta(state: HistoryState): void {
  state.metaKv.set({ format: META_FORMAT, schemaVersion: SCHEMA_VERSION, hostPorts: Object.fromEntries(state.mem.meta) });
}

export function cleanMeta(m: unknown): HostPortMeta | null {
  if (typeof m !== 'object' || m === null) return null;
  const o = m as Record<string, unknown>;
  return {
    note: typeof o.note === 'string' ? o.note : '',
    tags: Array.isArray(o.tags) ? normaliseTags(o.tags.filter((t): t is string => typeof t === 'string')) : [],
    pinned: o.pinned === true,
  };
}

/** Trimmed, without empties, and without case-insensitive duplicates (the first spelling wins). */
export function normaliseTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}
