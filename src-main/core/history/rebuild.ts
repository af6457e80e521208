// Rebuilding the in-memory list at open: from the index and the journal lines after it, or, when either is in
// doubt, from the snapshot files themselves (they are the truth; the index and journal only list them).
import { existsSync } from 'node:fs';
import type { JournalRecord } from './journal';
import { decodeRec, recFromSnapshot, searchTerms } from './records';
import type { HistoryState } from './state';

/** Loads the index; returns 'invalid' for a file of the wrong shape, else how many records were unreadable. */
export function loadIndex(state: HistoryState, data: Record<string, unknown>): 'invalid' | number {
  if (typeof data.generation !== 'number' || typeof data.records !== 'string') return 'invalid';
  let tuples: unknown;
  try {
    tuples = JSON.parse(data.records);
  } catch {
    return 'invalid';
  }
  if (!Array.isArray(tuples)) return 'invalid';
  let bad = 0;
  for (const t of tuples) {
    const rec = decodeRec(t);
    if (rec) state.mem.add(rec);
    else bad++;
  }
  state.generation = data.generation;
  return bad;
}

/** Applies one journal line; ids it deletes are collected in `doomed` (id → hostPort id) for their files. */
export function replay(state: HistoryState, rec: JournalRecord, rebuilding: boolean, doomed: Map<string, string>): void {
  const { mem } = state;
  // A rebuilt index came from the files themselves, so every journal line is replayed against them. Otherwise
  // lines of older generations are in the index already; newer ones were written during a compaction that did
  // not commit, and follow the index's own lines in order.
  if (!rebuilding && rec.g < state.generation) return;
  const drop = (id: string) => {
    const r = mem.snaps.get(id);
    if (!r) return;
    doomed.set(id, r.hostPortId);
    mem.remove(id);
  };
  if (rec.t === 'add') {
    const r = decodeRec(rec.r);
    if (!r) return;
    if (rebuilding && !existsSync(state.files.pathOf(r.id, r.hostPortId))) return;
    mem.add(r, rec.s);
  } else if (rec.t === 'del') {
    for (const id of rec.ids) drop(id);
  } else if (rec.t === 'clear') {
    for (const id of [...mem.snaps.keys()]) drop(id);
  }
}

/** Replaces the list with what the snapshot files hold, search text included. */
export function rebuildFromFiles(state: HistoryState): void {
  for (const id of [...state.mem.snaps.keys()]) state.mem.remove(id);
  let damaged = 0;
  for (const { dir, id } of state.files.scan()) {
    const got = state.files.readAt(dir, id);
    if (got.ok) state.mem.add(recFromSnapshot(got.snapshot), searchTerms(got.snapshot));
    else if (got.reason === 'damaged' || got.reason === 'unreadable') damaged++;
  }
  if (damaged > 0) {
    state.notice(
      state.mode === 'readOnly'
        ? `${damaged} snapshot file(s) could not be read and are not shown.`
        : `${damaged} damaged snapshot file(s) were moved aside (renamed with ".corrupt-") while rebuilding the index.`,
    );
  }
  state.searchLoaded = true;
}

export function hasSnapshotFiles(state: HistoryState): boolean {
  return !state.files.scan().next().done;
}
