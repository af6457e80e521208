// Folding the journal into a new index generation, so the journal stays short and an open reads one file.
import { SCHEMA_VERSION } from './layout';
import { encodeRec } from './records';
import { loadSearch, persistSearch } from './search-text';
import type { HistoryState } from './state';

export const INDEX_FORMAT = 'portolan-history-index';

export function maybeCompact(state: HistoryState): void {
  if (state.journal.records >= state.journalMax) compact(state);
}

/**
 * Order matters for crash safety: search text, then the index (the commit point: journal lines of the old
 * generation are ignored from then on), then the journal is emptied.
 */
export function compact(state: HistoryState): void {
  loadSearch(state);
  const gen = state.generation + 1;
  persistSearch(state, gen);
  const tuples = [...state.mem.snaps.values()].map(encodeRec);
  state.indexKv.set({ format: INDEX_FORMAT, schemaVersion: SCHEMA_VERSION, generation: gen, records: JSON.stringify(tuples) });
  state.generation = gen;
  state.journal.reset();
}
