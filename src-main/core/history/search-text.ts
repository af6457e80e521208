// The lower-cased search text of every snapshot. It is written at each compaction as one interned string table
// and loaded after the first page is on screen, so opening a large history stays fast.
import { openKv, peekKv } from './kv-files';
import { SCHEMA_VERSION, SEARCH_NAME } from './layout';
import { searchTerms } from './records';
import type { HistoryState } from './state';

export const SEARCH_FORMAT = 'portolan-history-search';

/** Loads the search text saved at the last compaction; anything newer came from the journal already. */
export function loadSearch(state: HistoryState): void {
  if (state.searchLoaded) return;
  state.searchLoaded = true;
  const { mem, files } = state;
  const isSearch = (d: Record<string, unknown>) => d.format === SEARCH_FORMAT && typeof d.data === 'string';
  const opened =
    state.mode === 'readOnly'
      ? { data: peekKv(state.dir, SEARCH_NAME) ?? {}, movedTo: null }
      : openKv(state.opts.kv, state.dir, SEARCH_NAME, state.clock, isSearch);
  if (opened.movedTo) state.notice(`The search text file was damaged or unreadable; it was kept as ${opened.movedTo} and rebuilt from the saved snapshots.`);
  if (typeof opened.data.data === 'string') {
    try {
      const { strings, refs } = JSON.parse(opened.data.data) as { strings: string[]; refs: [string, ...number[]][] };
      for (const [id, ...idx] of refs) {
        if (mem.snaps.has(id) && !mem.terms.has(id)) mem.setTerms(id, idx.map((i) => strings[i] ?? ''));
      }
    } catch {
      // Derived data: whatever is missing is recomputed from the snapshot files below.
    }
  }
  for (const rec of mem.snaps.values()) {
    if (mem.terms.has(rec.id)) continue;
    const got = files.read(rec.id, rec.hostPortId);
    mem.setTerms(rec.id, got.ok ? searchTerms(got.snapshot) : []);
  }
}

/** The search text of every listed snapshot as the content of the search file; the caller has loaded it first. */
export function searchDocument(state: HistoryState, generation: number): Record<string, unknown> {
  const pool = new Map<string, number>();
  const strings: string[] = [];
  const refs: (string | number)[][] = [];
  for (const rec of state.mem.snaps.values()) {
    const ref: (string | number)[] = [rec.id];
    for (const t of state.mem.terms.get(rec.id) ?? []) {
      let i = pool.get(t);
      if (i === undefined) {
        i = strings.length;
        strings.push(t);
        pool.set(t, i);
      }
      ref.push(i);
    }
    refs.push(ref);
  }
  // Stored as JSON text inside the conf value: conf pretty-prints with tabs, which would put every tuple field on
  // its own line and triple the file; a string stays one line and parses in one pass.
  return { format: SEARCH_FORMAT, schemaVersion: SCHEMA_VERSION, generation, data: JSON.stringify({ strings, refs }) };
}

/** Writes the search text as generation `generation`. */
export function persistSearch(state: HistoryState, generation: number): void {
  state.opts.kv({ name: SEARCH_NAME, cwd: state.dir, clearInvalidConfig: false }).set(searchDocument(state, generation));
}
