import type { HostPortListView, SnapshotContextView } from '../../../src-shared/host-views';
import type { DataSource, HostPortView, LookupRequestInfo, OtherProperty, PortolanError } from '../../../src-shared/views';

/** What the detail view shows: a LookupResultView or a history SnapshotView both fit. */
export interface DetailInput {
  hostPort: HostPortView;
  /** The body exactly as Graph returned it, when the input carries it (a saved snapshot does). */
  raw?: string;
  /** A fresh lookup's body is held in main under this id instead (see raw-source.ts). */
  rawId?: string;
  rawChars?: number;
  /** Worked out in main from the body, when the input carries them (a fresh lookup's result does). */
  otherProperties?: OtherProperty[];
  request: LookupRequestInfo;
  source: DataSource;
  fetchedAt?: string;
  savedAt?: string;
  /** A fresh lookup whose save to history failed: why (the result itself is good). */
  saveError?: PortolanError;
  /** The host's port list, when the lookup read it. */
  portList?: HostPortListView;
  /** The host context kept with a saved snapshot (port list, host sections). */
  context?: SnapshotContextView;
  /** The saved snapshot of a fresh lookup: host sections loaded now are kept with it. */
  snapshotId?: string | null;
}
