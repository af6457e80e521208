// Reading one listed snapshot from its file. A file that turns out missing or damaged is dropped from the list
// (and kept aside when damaged), so the list stops offering what cannot be shown.
import type { SnapshotView } from '../../../src-shared/views';
import { fail } from '../failure';
import type { SnapRec } from './records';
import type { HistoryState } from './state';

export function readRec(state: HistoryState, rec: SnapRec): SnapshotView {
  const got = state.files.read(rec.id, rec.hostPortId);
  if (got.ok) return got.snapshot;
  if (state.mode === 'readOnly') throw fail('storage', 'This saved snapshot could not be read (the history is open read-only, so it was left as it is).');
  try {
    state.journal.append([{ g: state.generation, t: 'del', ids: [rec.id] }]);
  } catch {
    // Still dropped from memory; the next open finds the file missing again.
  }
  state.mem.remove(rec.id);
  if (got.reason === 'damaged') {
    state.notice(`A saved snapshot file was damaged; it was kept as ${got.movedTo} and removed from the list.`);
    throw fail('storage', `This saved snapshot was damaged. The file was kept as ${got.movedTo}.`);
  }
  state.notice(`A saved snapshot file (${rec.id}) was missing and was removed from the list.`);
  throw fail('storage', 'This saved snapshot file is missing from disk.');
}
