import type { HostPortListView, HostSectionKind, HostSectionView } from '../../../src-shared/host-views';
import type { DataSource, HostPortView, LookupRequestInfo, PortolanError } from '../../../src-shared/views';

/** What the detail view shows: a LookupResultView or a history SnapshotView both fit. */
export interface DetailInput {
  hostPort: HostPortView;
  raw: string;
  request: LookupRequestInfo;
  source: DataSource;
  fetchedAt?: string;
  savedAt?: string;
  /** A fresh lookup whose save to history failed: why (the result itself is good). */
  saveError?: PortolanError;
  /** The host's port list, when the lookup read it. */
  portList?: HostPortListView;
  /** Host sections kept with a saved snapshot. */
  hostSections?: Partial<Record<HostSectionKind, HostSectionView>>;
}
