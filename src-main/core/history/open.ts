// Opening the history: recovery of damaged or missing files, a rebuild from the snapshot files when the index or
// journal is in doubt, deletions the last session recorded but did not finish, and migration from schema v1.
// Nothing here throws for damage: it is moved aside and told in `notices`.
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { compact, INDEX_FORMAT } from './compaction';
import type { Housekeeping } from './housekeeping';
import { Journal, readJournal, type JournalReadResult } from './journal';
import { DIR_MODE, fileStamp, isDamage, kvPath, moveAside, openKv, ownerOnly, peekKv } from './kv-files';
import { INDEX_NAME, JOURNAL_FILE, META_NAME, TRASH_DIR, V1_NAME } from './layout';
import { isMetaFile, loadMeta } from './meta-file';
import { migrateV1 } from './migrate-v1';
import { hasSnapshotFiles, loadIndex, rebuildFromFiles, replay } from './rebuild';
import { newerSchema, type HistoryState } from './state';
import type { UndoLedger } from './undo-ledger';

export function openHistory(state: HistoryState, housekeeping: Housekeeping, ledger: UndoLedger): void {
  if (state.mode === 'readOnly') return openReadOnly(state);
  const { dir, clock } = state;
  ensureRoot(state);

  const meta = openKv(state.opts.kv, dir, META_NAME, clock, isMetaFile);
  state.metaKv = meta.kv;
  if (meta.movedTo) state.notice(`The notes, tags and pins file was damaged or unreadable; it was kept as ${meta.movedTo} and a new one was started.`);
  loadMeta(state, meta.data);

  const index = openKv(state.opts.kv, dir, INDEX_NAME, clock, (d) => d.format === INDEX_FORMAT);
  state.indexKv = index.kv;
  const read = openJournal(state);
  // The snapshot files are the truth; the index and the journal only list them. Any doubt about either (damaged,
  // missing, emptied) means listing the files themselves, which loses nothing.
  const why: string[] = [];
  if (read.replaced) why.push(`The history journal was damaged or unreadable; it was kept as ${read.replaced} and the list was rebuilt from the saved snapshots.`);
  if (index.movedTo) why.push(`The history index was damaged or unreadable; it was kept as ${index.movedTo} and rebuilt from the saved snapshots.`);
  else if (Object.keys(index.data).length > 0) {
    const loaded = loadIndex(state, index.data);
    if (loaded === 'invalid') {
      const moved = moveAside(kvPath(dir, INDEX_NAME), clock);
      state.indexKv = state.opts.kv({ name: INDEX_NAME, cwd: dir, clearInvalidConfig: false });
      why.push(`The history index was damaged; it was kept as ${moved} and rebuilt from the saved snapshots.`);
    } else if (loaded > 0) {
      // Kept as it was: the rebuild below writes a new index over it.
      const moved = moveAside(kvPath(dir, INDEX_NAME), clock);
      state.indexKv = state.opts.kv({ name: INDEX_NAME, cwd: dir, clearInvalidConfig: false });
      why.push(`${loaded} unreadable index record(s) were found; the index was kept as ${moved} and rebuilt from the saved snapshots.`);
    }
  } else if (read.records.some((r) => r.g !== 0) && !read.records.some((r) => r.g === 0)) {
    // (Lines of generation 0 beside later ones are a first compaction that never committed: nothing is missing.)
    // Journal lines of a later generation mean an index was written once: it is gone.
    why.push('The history index was missing; it was rebuilt from the saved snapshots.');
  }
  if (why.length === 0 && read.damagedLines > 0) why.push('The history list was rebuilt from the saved snapshots.');
  if (why.length === 0 && read.records.length === 0 && hasSnapshotFiles(state)) {
    why.push(`The history journal was ${read.existed ? 'empty' : 'missing'}; the list was rebuilt from the saved snapshots.`);
  }
  const rebuild = why.length > 0 ? why.join(' ') : null;

  if (rebuild) rebuildFromFiles(state);
  const doomed = new Map<string, string>();
  for (const rec of read.records) replay(state, rec, rebuild !== null, doomed);
  if (read.copiedTo) {
    state.notice(`${read.damagedLines} damaged line(s) in the history journal were skipped; a copy of the journal was kept as ${read.copiedTo}.`);
  }
  if (rebuild) state.notice(rebuild);
  const cleanExit = read.records.length > 0 && read.records[read.records.length - 1]!.t === 'close';

  // Deletions the journal records but whose files were not yet moved when the last session stopped: move them
  // now, so they can never come back as orphans. (Their undo ended with that session.)
  for (const [id, hostPortId] of doomed) if (!state.mem.snaps.has(id)) state.files.toTrash(id, hostPortId);

  // Lines newer than the index are a background compaction that did not commit: fold them now, so no later
  // compaction reuses their generation.
  let needsCompaction = rebuild !== null || read.records.some((r) => r.g > state.generation);
  if (existsSync(kvPath(dir, V1_NAME))) {
    migrateV1(state);
    needsCompaction = false; // migration compacts
  }
  if (needsCompaction) compact(state);

  // Deletions that can no longer be undone (the undo tokens died with the last session). Renamed now, removed
  // later: this session's own deletions must land in a fresh trash folder the background removal cannot touch.
  const oldTrash = join(dir, TRASH_DIR);
  if (existsSync(oldTrash)) {
    const purge = join(dir, `${TRASH_DIR}-purge-${fileStamp(clock)}-${randomBytes(3).toString('hex')}`);
    renameSync(oldTrash, purge);
  }
  housekeeping.afterOpen(ledger, cleanExit);
}

/** The history folder, owner-only; something else in its place (a file) is kept aside. */
function ensureRoot(state: HistoryState): void {
  const st = statSync(state.dir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) {
    const kept = moveAside(state.dir, state.clock, 'not-a-folder');
    state.notice(`Something other than a folder was where the history belongs; it was kept as ${kept} and a new history was started.`);
  }
  mkdirSync(state.dir, { recursive: true, mode: DIR_MODE });
  ownerOnly(state.dir);
}

/** Opens the journal; one that cannot be read (a folder, no permission) is kept aside and a new one started. */
function openJournal(state: HistoryState): JournalReadResult & { replaced: string | null; copiedTo: string | null } {
  const path = join(state.dir, JOURNAL_FILE);
  const aside = () => join(state.dir, `history-journal.corrupt-${fileStamp(state.clock)}-${randomBytes(3).toString('hex')}.ndjson`);
  try {
    const { journal, read } = Journal.open(path, aside);
    state.journal = journal;
    journal.beforeSync = () => state.deferred.syncNow();
    return { ...read, replaced: null };
  } catch (err) {
    if (!isDamage(err)) throw err;
    const replaced = moveAside(path, state.clock);
    const { journal, read } = Journal.open(path, aside);
    state.journal = journal;
    journal.beforeSync = () => state.deferred.syncNow();
    return { ...read, replaced };
  }
}

/**
 * A history written by a newer Portolan: shown as far as it can be read, changed never. Not one byte on disk is
 * written, moved or created, so the newer version finds it exactly as it left it.
 */
function openReadOnly(state: HistoryState): void {
  const { dir } = state;
  const version = newerSchema(dir);
  state.notice(
    `The saved history was written by a newer version of Portolan (schema ${version}). It is shown read-only and nothing in it is changed; ` +
      'new lookups are not saved until Portolan is updated.',
  );
  loadMeta(state, peekKv(dir, META_NAME) ?? {});
  const index = peekKv(dir, INDEX_NAME);
  let read: JournalReadResult;
  try {
    read = readJournal(join(dir, JOURNAL_FILE)).read;
  } catch {
    read = { records: [], damagedLines: 1, tornTail: false, existed: true };
  }
  const usable = index !== null && read.damagedLines === 0 && loadIndex(state, index) === 0;
  if (!usable) rebuildFromFiles(state);
  for (const rec of read.records) replay(state, rec, !usable, new Map());
}
