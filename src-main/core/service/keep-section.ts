// A host section fetched for a detail that shows a saved snapshot is kept with that snapshot. Main stores what
// it fetched itself (the renderer only names the snapshot), and a failed save never costs the analyst the section.
import type { HostSectionRequest } from '../../../src-shared/host-section-contract';
import type { HostSectionView } from '../../../src-shared/host-views';
import type { HistoryPort } from './ports';

export async function keepSection(history: HistoryPort, req: HostSectionRequest, view: HostSectionView): Promise<void> {
  if (req.snapshotId === undefined || !history.attachSection) return;
  const about = req.kind === 'relatedHosts' ? { certificateId: req.certificateId } : { host: req.host };
  const after = 'nextLink' in req ? req.nextLink : undefined;
  try {
    await history.attachSection({ snapshotId: req.snapshotId, section: view, about, ...(after !== undefined ? { after } : {}) });
  } catch {
    // The section is still shown; the saved snapshot keeps what it had.
  }
}
