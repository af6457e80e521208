// Folding the journal into a new index generation, so the journal stays short and an open reads one file.
// Saves never wait for it: when the journal is long, a compaction is scheduled on the housekeeping scheduler and
// writes its files asynchronously while saves go on. Saves made meanwhile are tagged with the new generation and
// kept in the journal at the commit, so a crash at any point loses nothing (see compactInBackground).
import { randomBytes } from 'node:crypto';
import { promises as fsp, renameSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fsyncDir } from '../fs/atomic-file';
import { FILE_MODE, kvPath } from './kv-files';
import { INDEX_NAME, SCHEMA_VERSION, SEARCH_NAME } from './layout';
import { encodeRec } from './records';
import { loadSearch, persistSearch, searchDocument } from './search-text';
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
 * The files are written to temp files and fsynced without blocking; the commit (renames, then the journal cut to
 * the lines written since the start) is one synchronous step. A crash before the index rename leaves the old index
 * plus every line; after it, the new index plus the lines since the start, which is the same list.
 */
export async function compactInBackground(state: HistoryState, hooks: { beforeCommit?: () => Promise<void> | void } = {}): Promise<void> {
  if (state.closed || state.mode === 'readOnly') return;
  loadSearch(state);
  const epoch = ++state.compactionEpoch;
  const gen = state.generation + 1;
  const search = searchDocument(state, gen);
  const index = indexDocument(state, gen);
  const mark = state.journal.mark();
  state.generation = gen;
  const searchTmp = await writeTemp(kvPath(state.dir, SEARCH_NAME), search);
  const indexTmp = await writeTemp(kvPath(state.dir, INDEX_NAME), index);
  await hooks.beforeCommit?.();
  if (state.closed || epoch !== state.compactionEpoch) {
    await Promise.all([fsp.rm(searchTmp, { force: true }), fsp.rm(indexTmp, { force: true })]);
    return;
  }
  renameSync(searchTmp, kvPath(state.dir, SEARCH_NAME));
  renameSync(indexTmp, kvPath(state.dir, INDEX_NAME));
  fsyncDir(state.dir);
  state.journal.keepFrom(mark);
}

/** conf's own file format (tab-indented JSON), written beside the target and fsynced; returns the temp path. */
async function writeTemp(target: string, data: Record<string, unknown>): Promise<string> {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx', FILE_MODE);
  try {
    await handle.writeFile(JSON.stringify(data, undefined, '\t'));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return tmp;
}
