// Schema v1 kept every snapshot in one array in one conf store. Opening such a history writes each snapshot to
// its own file, carries notes/tags/pins over, compacts, and keeps the old file aside.
import { compact } from './compaction';
import { kvPath, moveAside, openKv } from './kv-files';
import { V1_NAME } from './layout';
import { cleanMeta, saveMeta } from './meta-file';
import { recFromSnapshot, searchTerms } from './records';
import { loadSearch } from './search-text';
import type { HistoryState } from './state';
import { isV1File, readV1 } from './v1-format';

export function migrateV1(state: HistoryState): void {
  const { dir, mem } = state;
  const v1 = openKv(state.opts.kv, dir, V1_NAME, state.clock, isV1File);
  if (v1.movedTo) {
    state.notice(`The history file from an earlier version was damaged; it was kept as ${v1.movedTo} and not migrated.`);
    return;
  }
  const { snapshots, meta, skipped } = readV1(v1.data);
  loadSearch(state);
  for (const s of snapshots) {
    if (mem.snaps.has(s.id)) continue;
    state.files.write(s);
    mem.add(recFromSnapshot(s), searchTerms(s));
  }
  for (const [id, m] of Object.entries(meta)) {
    const clean = cleanMeta(m);
    if (clean && mem.meta.get(id) === undefined) mem.setMeta(id, clean);
  }
  saveMeta(state);
  compact(state);
  const kept = moveAside(kvPath(dir, V1_NAME), state.clock, 'v1-migrated');
  state.notice(
    `Your history was upgraded to the new storage format (${snapshots.length} snapshot(s)${skipped ? `, ${skipped} unreadable entr${skipped === 1 ? 'y' : 'ies'} skipped` : ''}). The old file was kept as ${kept}.`,
  );
}
