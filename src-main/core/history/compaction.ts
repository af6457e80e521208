// Folding the journal into a new index generation, so the journal stays short and an open reads one file.
// Saves never wait for it: when the journal is long, a compaction is scheduled on the housekeeping scheduler and
// writes its files asynchronously while saves go on. Saves made meanwhile are tagged with the new generation and
// kept in the journal at the commit, so a crash at any point loses nothing (see compactInBackground).
import { promises as fsp, renameSync } from 'node:fs';
import { fsyncDir } from '../fs/atomic-file';
import { indexPieces, nextTurn, searchPieces, writeTempInSteps, type Turn } from './compaction-steps';
import { kvPath } from './kv-files';
import { INDEX_NAME, SCHEMA_VERSION, SEARCH_NAME } from './layout';
import { encodeRec } from './records';
import { loadSearch, persistSearch, SEARCH_FORMAT } from './search-text';
import type { HistoryState } from './state';

export const INDEX_FORMAT = 'portolan-history-index';

/** Asks for a background compaction once the journal is long; returns at once. */
export function maybeCompact(state: HistoryState): void {
  if (state.journal.records >= state.journalMax) state.scheduleCompaction();
}

function indexDocument(state: HistoryState, generation: number): Record<string, unknown> {
  const tuples = [...state.mem.snaps.values()].map(encodeRec);
  return { format: INDEX_FORMAT, schemaVersion: SCHEMA_VERSION, generation, records: JSON.stringify(tuples) };
}

/**
 * Synchronous compaction, for open, migration and clear (which must not leave the old list on disk). Order
 * matters for crash safety: search text, then the index (the commit point: journal lines of older generations
 * are ignored from then on), then the journal is emptied. A background compaction still running is abandoned.
 */
export function compact(state: HistoryState): void {
  // The new index lists every save so far: their files reach the disk before it does.
  state.deferred.syncNow();
  loadSearch(state);
  state.compactionEpoch++;
  const gen = state.generation + 1;
  persistSearch(state, gen);
  state.indexKv.set(indexDocument(state, gen));
  state.generation = gen;
  state.journal.reset();
}

/**
 * Background compaction. At its start the list is captured and the generation advanced, so every later journal
 * line carries the new generation; an open applies the lines of the index's generation and any newer, in order.
 * Both files are produced and written in steps (compaction-steps.ts) to temp files and fsynced, so no save waits
 * for a whole-index rewrite; the commit (renames, then the journal cut to the lines written since the start) is
 * one short synchronous step. A crash before the index rename leaves the old index plus every line; after it, the
 * new index plus the lines since the start, which is the same list.
 */
export async function compactInBackground(
  state: HistoryState,
  hooks: { beforeCommit?: () => Promise<void> | void; turn?: Turn } = {},
): Promise<void> {
  if (state.closed || state.mode === 'readOnly') return;
  const turn = hooks.turn ?? nextTurn;
  loadSearch(state);
  const epoch = ++state.compactionEpoch;
  const gen = state.generation + 1;
  const recs = [...state.mem.snaps.values()];
  const mark = state.journal.mark();
  state.generation = gen;
  const stale = (): boolean => state.closed || epoch !== state.compactionEpoch;
  const head = { schemaVersion: SCHEMA_VERSION, generation: gen };
  const written: string[] = [];
  try {
    written.push(await writeTempInSteps(kvPath(state.dir, SEARCH_NAME), { format: SEARCH_FORMAT, ...head }, 'data', searchPieces(recs, (id) => state.mem.terms.get(id), turn), turn));
    if (!stale()) written.push(await writeTempInSteps(kvPath(state.dir, INDEX_NAME), { format: INDEX_FORMAT, ...head }, 'records', indexPieces(recs), turn));
    await hooks.beforeCommit?.();
  } catch (err) {
    await Promise.all(written.map((f) => fsp.rm(f, { force: true })));
    throw err;
  }
  if (stale() || written.length < 2) {
    await Promise.all(written.map((f) => fsp.rm(f, { force: true })));
    return;
  }
  state.deferred.syncNow();
  renameSync(written[0]!, kvPath(state.dir, SEARCH_NAME));
  renameSync(written[1]!, kvPath(state.dir, INDEX_NAME));
  fsyncDir(state.dir);
  state.journal.keepFrom(mark);
}
