// history:timeline: the timeline of one saved host port, read through the history port like every other history
// channel, so it works offline from what is on disk.
import type { TimelineView } from '../../../src-shared/timeline-views';
import type { SnapshotView } from '../../../src-shared/views';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import { fail } from '../failure';
import type { HistoryPort } from '../service/ports';
import { timelineSeries } from './timeline-series';

export type TimelineHistory = Pick<HistoryPort, 'snapshots' | 'get'>;

export async function hostPortTimeline(history: TimelineHistory, hostPortId: string): Promise<TimelineView> {
  const metas = await history.snapshots(hostPortId);
  if (metas.length === 0) throw fail('notFound', 'That host port has no saved history.', { code: ERROR_CODES.HISTORY_HOST_PORT_NOT_FOUND });
  const snapshots: SnapshotView[] = [];
  for (const m of metas) snapshots.push(await history.get(m.id));
  return timelineSeries(hostPortId, snapshots);
}
