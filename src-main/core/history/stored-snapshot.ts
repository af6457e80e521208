// The snapshot as it is written to disk, a type of its own rather than the IPC view: the view may grow for the
// screen (a new field, a renamed one) without changing what files hold, and a new on-disk field is a decision
// made here, together with the schema version that readers check.
import type { HostPortIdOrigin, SnapshotContextView } from '../../../src-shared/host-views';
import type { CloudId, DataSource, HostPortView, LookupRequestInfo, SnapshotView } from '../../../src-shared/views';

export const SNAPSHOT_FORMAT = 'portolan-snapshot';
export const SNAPSHOT_SCHEMA_VERSION = 2;

/** How the request behind a snapshot is stored. */
export interface StoredRequestV2 {
  url: string;
  select: string[];
  expand: string[];
  resolvedFrom: { host: string; port: number } | null;
  /** Absent in files written before it was recorded. */
  idFrom?: HostPortIdOrigin;
}

/**
 * Schema version 2 of a snapshot file's `snapshot` member. The Graph entity (`hostPort`) is kept in the parsed
 * shape the view uses; `raw` keeps Graph's own text beside it, so nothing Graph sent is lost if that shape moves.
 */
export interface StoredSnapshotV2 {
  id: string;
  hostPortId: string;
  host: string | null;
  port: number | null;
  savedAt: string;
  cloud: CloudId;
  tenant: string | null;
  account: string | null;
  source: DataSource;
  request: StoredRequestV2;
  raw: string;
  hostPort: HostPortView;
  /**
   * The host's context (port list, host sections), added to version 2 as an optional member: files without it
   * read as before, and a reader that predates it ignores it. Kept in the view's shape, which is plain data.
   */
  context?: StoredContextV2;
}

/** How a snapshot's host context is stored. */
export type StoredContextV2 = SnapshotContextView;

/** The whole file, as conf holds it. */
export type SnapshotFileV2 = {
  format: typeof SNAPSHOT_FORMAT;
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  snapshot: StoredSnapshotV2;
};

/**
 * What the disk format does with each field of the view. `satisfies` makes a field added to (or removed from)
 * SnapshotView or LookupRequestInfo a compile error here until someone decides, and the mapping below follows.
 */
export const SNAPSHOT_VIEW_FIELDS = {
  id: 'stored',
  hostPortId: 'stored',
  host: 'stored',
  port: 'stored',
  savedAt: 'stored',
  cloud: 'stored',
  tenant: 'stored',
  account: 'stored',
  source: 'stored',
  request: 'stored',
  raw: 'stored',
  hostPort: 'stored',
  context: 'stored',
} as const satisfies Record<keyof SnapshotView, 'stored'>;

export const CONTEXT_VIEW_FIELDS = {
  portList: 'stored',
  sections: 'stored',
} as const satisfies Record<keyof SnapshotContextView, 'stored'>;

export const REQUEST_VIEW_FIELDS = {
  url: 'stored',
  select: 'stored',
  expand: 'stored',
  resolvedFrom: 'stored',
  idFrom: 'stored',
} as const satisfies Record<keyof LookupRequestInfo, 'stored'>;

/** Field by field, never a spread: whatever else the view object carries stays off the disk. */
export function toStoredSnapshot(view: SnapshotView): StoredSnapshotV2 {
  const stored: StoredSnapshotV2 = {
    id: view.id,
    hostPortId: view.hostPortId,
    host: view.host,
    port: view.port,
    savedAt: view.savedAt,
    cloud: view.cloud,
    tenant: view.tenant,
    account: view.account,
    source: view.source,
    request: toStoredRequest(view.request),
    raw: view.raw,
    hostPort: view.hostPort,
  };
  if (view.context) stored.context = copyContext(view.context);
  return stored;
}

export function fromStoredSnapshot(stored: StoredSnapshotV2): SnapshotView {
  const view: SnapshotView = {
    id: stored.id,
    hostPortId: stored.hostPortId,
    host: stored.host,
    port: stored.port,
    savedAt: stored.savedAt,
    cloud: stored.cloud,
    tenant: stored.tenant,
    account: stored.account,
    source: stored.source,
    request: fromStoredRequest(stored.request),
    raw: stored.raw,
    hostPort: stored.hostPort,
  };
  if (stored.context) view.context = copyContext(stored.context);
  return view;
}

function copyContext(c: SnapshotContextView): SnapshotContextView {
  const out: SnapshotContextView = { sections: c.sections ?? {} };
  if (c.portList) out.portList = c.portList;
  return out;
}

/** Members of each object that the disk format stores (every one of them, today). */
const STORED = {
  snapshot: storedKeys(SNAPSHOT_VIEW_FIELDS),
  request: storedKeys(REQUEST_VIEW_FIELDS),
  context: storedKeys(CONTEXT_VIEW_FIELDS),
};

function storedKeys(fields: Record<string, 'stored'>): ReadonlySet<string> {
  return new Set(Object.keys(fields).filter((k) => fields[k] === 'stored'));
}

const only = (o: object, keys: ReadonlySet<string>): boolean => Object.keys(o).every((k) => keys.has(k));

/**
 * True when a snapshot parsed from JSON (and already validated) has no member the disk format leaves out, at any
 * level that toStoredSnapshot copies member by member. Then the JSON text it was parsed from can stand as the
 * file's `snapshot` member unchanged (snapshotFileTextAround): reading that file gives what writing
 * snapshotFile(view) would, without producing the text again.
 */
export function storedAsIs(view: SnapshotView): boolean {
  return only(view, STORED.snapshot) && only(view.request, STORED.request) && (view.context === undefined || only(view.context, STORED.context));
}

/** A snapshot file around the JSON text of its `snapshot` member (one that passed storedAsIs once parsed). */
export function snapshotFileTextAround(snapshotJson: string): string {
  return `{"format":${JSON.stringify(SNAPSHOT_FORMAT)},"schemaVersion":${SNAPSHOT_SCHEMA_VERSION},"snapshot":${snapshotJson}}`;
}

export function snapshotFile(view: SnapshotView): SnapshotFileV2 {
  return { format: SNAPSHOT_FORMAT, schemaVersion: SNAPSHOT_SCHEMA_VERSION, snapshot: toStoredSnapshot(view) };
}

function toStoredRequest(r: LookupRequestInfo): StoredRequestV2 {
  const stored: StoredRequestV2 = { url: r.url, select: r.select, expand: r.expand, resolvedFrom: r.resolvedFrom };
  if (r.idFrom !== undefined) stored.idFrom = r.idFrom;
  return stored;
}

function fromStoredRequest(r: StoredRequestV2): LookupRequestInfo {
  const view: LookupRequestInfo = { url: r.url, select: r.select, expand: r.expand, resolvedFrom: r.resolvedFrom };
  if (r.idFrom !== undefined) view.idFrom = r.idFrom;
  return view;
}
