// Schema v1: what the first, naive build wrote. Every snapshot in one array in one store ('history.json'), with
// savedAt as epoch milliseconds, the account under `username` and the parsed view under `view`. Every save
// rewrote the whole file, which is why v2 replaced it. Kept here so the migration (and its test) read it exactly.
import type { CloudId, DataSource, HostPortView, LookupRequestInfo, SnapshotView } from '../../../src-shared/views';
import { SNAPSHOT_ID } from './layout';
import { newSnapshotId } from './records';
import { snapshotSchema } from './export-format';

export interface V1Snapshot {
  id: string;
  hostPortId: string;
  host: string | null;
  port: number | null;
  savedAt: number;
  cloud: CloudId;
  tenant: string | null;
  username: string | null;
  source: DataSource;
  request: LookupRequestInfo;
  raw: string;
  view: HostPortView;
}

export interface V1File {
  schemaVersion: 1;
  snapshots: V1Snapshot[];
  meta: Record<string, { note: string; tags: string[]; pinned: boolean }>;
}

export function isV1File(data: Record<string, unknown>): boolean {
  return data.schemaVersion === 1 && Array.isArray(data.snapshots);
}

export function v1ToSnapshot(s: V1Snapshot): SnapshotView {
  // new Date(null) is 1970, not an error: a missing time must not become a real-looking one.
  if (typeof s.savedAt !== 'number' || !Number.isFinite(s.savedAt)) throw new Error('v1 snapshot without a valid savedAt');
  return {
    id: typeof s.id === 'string' && SNAPSHOT_ID.test(s.id) ? s.id : newSnapshotId(s.savedAt),
    hostPortId: s.hostPortId,
    host: s.host ?? null,
    port: s.port ?? null,
    savedAt: new Date(s.savedAt).toISOString(),
    cloud: s.cloud,
    tenant: s.tenant ?? null,
    account: s.username ?? null,
    source: s.source,
    request: s.request,
    raw: s.raw,
    hostPort: s.view,
  };
}

/** Converts what it can; an entry that does not convert to a valid snapshot is counted, not guessed at. */
export function readV1(data: Record<string, unknown>): { snapshots: SnapshotView[]; meta: V1File['meta']; skipped: number } {
  const file = data as unknown as V1File;
  const snapshots: SnapshotView[] = [];
  let skipped = 0;
  for (const entry of file.snapshots) {
    try {
      const view = v1ToSnapshot(entry);
      if (snapshotSchema.safeParse(view).success) snapshots.push(view);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  const meta = typeof file.meta === 'object' && file.meta !== null ? file.meta : {};
  return { snapshots, meta, skipped };
}
