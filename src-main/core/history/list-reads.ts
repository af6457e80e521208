// The History list's reads beyond the index itself: a page with why each row matched the search, every id a
// search shows (for exports of "what is shown"), and a saved entry's snapshots with their change marks.
import type { HistoryQuery, HistorySelection } from '../../../src-shared/contract';
import type { HistoryPageView, SnapshotMetaView, SnapshotView } from '../../../src-shared/views';
import { PortolanFailure } from '../failure';
import type { ChangeMarks } from './change-marks';
import type { ListFilter } from './memory-index';
import { parseListQuery } from './query';
import { readRec } from './read-snapshot';
import type { SnapRec } from './records';
import { matchFor } from './search-snippet';
import { loadSearch } from './search-text';
import type { HistoryState } from './state';

/** A damaged or missing file is dropped from the index by readRec; here it just yields nothing. */
function readOrNull(state: HistoryState, rec: SnapRec): SnapshotView | null {
  try {
    return readRec(state, rec);
  } catch (err) {
    if (err instanceof PortolanFailure) return null;
    throw err;
  }
}

export function listPage(state: HistoryState, query: HistoryQuery): HistoryPageView {
  const q = parseListQuery(query);
  const searching = q.filter.terms.length > 0;
  if (searching) loadSearch(state);
  const page = state.mem.list(q.filter as ListFilter, q.offset, q.limit, q.order);
  if (!searching) return page;
  const { mem } = state;
  const source = { terms: (id: string) => mem.terms.get(id), read: (rec: SnapRec) => readOrNull(state, rec) };
  for (const item of page.items) {
    const hp = mem.hostPorts.get(item.hostPortId);
    // A copy of the snapshots: reading a damaged file drops it from the index's own array.
    const match = hp && matchFor({ id: hp.id, snaps: [...hp.snaps] }, mem.getMeta(hp.id), q.filter.terms, source);
    if (match) item.match = match;
  }
  return page;
}

export function matchingIds(state: HistoryState, selection: HistorySelection): string[] {
  const q = parseListQuery({ ...selection, offset: 0, limit: 1 });
  if (q.filter.terms.length > 0) loadSearch(state);
  return state.mem.list(q.filter as ListFilter, 0, Number.MAX_SAFE_INTEGER, q.order).items.map((i) => i.hostPortId);
}

export function snapshotMetas(state: HistoryState, marks: ChangeMarks, hostPortId: string): SnapshotMetaView[] {
  const snaps = [...(state.mem.hostPorts.get(hostPortId)?.snaps ?? [])];
  return marks.mark(snaps, (rec) => readOrNull(state, rec));
}
