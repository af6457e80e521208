// The small per-snapshot record that the index keeps in memory and on disk, and the search text derived from a
// snapshot. The full snapshot (raw response, parsed view) lives only in its own file.
import { hash, randomBytes } from 'node:crypto';
import type { HostPortView, SnapshotMetaView, SnapshotView } from '../../../src-shared/views';

export interface SnapRec {
  id: string;
  hostPortId: string;
  host: string | null;
  port: number | null;
  savedAt: string;
  /** savedAt parsed once, for sorting and date filters. */
  ms: number;
  status: string | null;
  protocol: string | null;
  bannerCount: number;
  serviceCount: number;
  /** Identifies the same lookup across installs, so an import never duplicates it under another id. */
  hash: string;
}

/**
 * On disk a record is a positional tuple: a fraction of the bytes of an object with repeated key names. The
 * parsed time rides along because Date.parse of 50,000 ISO strings is most of the cost of opening the index.
 */
export type RecTuple = [string, string, string | null, number | null, string, string | null, string | null, number, number, string, number];

export function encodeRec(r: SnapRec): RecTuple {
  return [r.id, r.hostPortId, r.host, r.port, r.savedAt, r.status, r.protocol, r.bannerCount, r.serviceCount, r.hash, r.ms];
}

export function decodeRec(t: unknown): SnapRec | null {
  if (!Array.isArray(t) || t.length < 10) return null;
  const [id, hostPortId, host, port, savedAt, status, protocol, bannerCount, serviceCount, hash, time] = t as unknown[];
  if (typeof id !== 'string' || typeof hostPortId !== 'string' || typeof savedAt !== 'string' || typeof hash !== 'string') return null;
  const ms = typeof time === 'number' ? time : Date.parse(savedAt);
  if (Number.isNaN(ms)) return null;
  return {
    id,
    hostPortId,
    host: typeof host === 'string' ? host : null,
    port: typeof port === 'number' ? port : null,
    savedAt,
    ms,
    status: typeof status === 'string' ? status : null,
    protocol: typeof protocol === 'string' ? protocol : null,
    bannerCount: typeof bannerCount === 'number' ? bannerCount : 0,
    serviceCount: typeof serviceCount === 'number' ? serviceCount : 0,
    hash,
  };
}

export function contentHash(hostPortId: string, savedAt: string, raw: string): string {
  // One-shot: an import hashes every record, and a Hash object per call costs more than the digest itself.
  return hash('sha256', JSON.stringify([hostPortId, savedAt, raw]), 'hex').slice(0, 32);
}

/** The snapshot a save makes of a lookup: the store's id and time, the lookup's own fields, its host context if any. */
export function snapshotFromInput(input: Omit<SnapshotView, 'id' | 'savedAt'>, id: string, savedAt: string): SnapshotView {
  const snapshot: SnapshotView = {
    id,
    hostPortId: input.hostPortId,
    host: input.host,
    port: input.port,
    savedAt,
    cloud: input.cloud,
    tenant: input.tenant,
    account: input.account,
    source: input.source,
    request: input.request,
    raw: input.raw,
    hostPort: input.hostPort,
  };
  if (input.context) snapshot.context = input.context;
  return snapshot;
}

export function recFromSnapshot(s: SnapshotView): SnapRec {
  return {
    id: s.id,
    hostPortId: s.hostPortId,
    host: s.host,
    port: s.port,
    savedAt: s.savedAt,
    ms: Date.parse(s.savedAt),
    status: s.hostPort.status,
    protocol: s.hostPort.protocol,
    bannerCount: s.hostPort.banners.length,
    serviceCount: s.hostPort.services.length,
    hash: contentHash(s.hostPortId, s.savedAt, s.raw),
  };
}

export function metaView(r: SnapRec): SnapshotMetaView {
  return { id: r.id, hostPortId: r.hostPortId, savedAt: r.savedAt, status: r.status, bannerCount: r.bannerCount, serviceCount: r.serviceCount };
}

/** Time-ordered and filename-safe: base-36 milliseconds, then randomness so two saves in one ms never clash. */
export function newSnapshotId(ms: number): string {
  return `${Math.max(0, Math.floor(ms)).toString(36).padStart(9, '0')}-${randomBytes(6).toString('hex')}`;
}

/**
 * Only the first part of a huge banner is searchable: a 1 MB banner would otherwise cost every search and
 * inflate the search file, and nobody types a query that only matches past its first few kilobytes.
 */
const MAX_TERM = 4096;

/** The lower-cased strings a search can match in one snapshot (tags and notes are per hostPort, added later). */
export function searchTerms(s: Pick<SnapshotView, 'host' | 'port' | 'hostPort'>): string[] {
  // One module-level helper rather than a closure per call: an import computes this for every record.
  const out = new Set<string>();
  const hp: HostPortView = s.hostPort;
  addTerm(out, s.host);
  addTerm(out, s.port);
  addTerm(out, hp.port);
  addTerm(out, hp.host?.id);
  for (const b of hp.banners ?? []) addTerm(out, b?.banner);
  for (const svc of hp.services ?? []) {
    const c = svc?.component;
    if (!c) continue;
    addTerm(out, c.name);
    addTerm(out, c.version);
    if (c.name && c.version) addTerm(out, `${c.name} ${c.version}`);
  }
  const cert = hp.certificate;
  for (const entity of [cert?.subject, cert?.issuer]) {
    if (!entity) continue;
    addTerm(out, entity.commonName);
    addTerm(out, entity.organizationName);
    addTerm(out, entity.organizationUnitName);
    for (const alt of entity.alternateNames ?? []) addTerm(out, alt);
  }
  return [...out];
}

function addTerm(out: Set<string>, v: unknown): void {
  if (typeof v === 'string' && v.length > 0) out.add(v.slice(0, MAX_TERM).toLowerCase());
  else if (typeof v === 'number') out.add(String(v));
}
