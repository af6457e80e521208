// What changed between two snapshots of one hostPort.
//
// Keys: a banner is identified by its scan protocol and text (the text is what the analyst reads; a changed text
// is a new banner). The same key with a different first/last seen or times observed is "changed". A service is
// identified by its component's name and category; the same key with a different version is "versionChanged".
// Repeated keys are paired in order, so two identical banners in one snapshot are not collapsed into one.
// The certificate changed when its sha1 (or, lacking that, its id) differs. `fields` lists only fields that differ.
import type { BannerView, CompareView, HostPortView, ServiceView, SnapshotView } from '../../../src-shared/views';
import { fail } from '../failure';
import { compareContext } from './compare-context';
import { recFromSnapshot, metaView } from './records';

export function compareSnapshots(before: SnapshotView, after: SnapshotView): CompareView {
  if (before.hostPortId !== after.hostPortId) {
    throw fail('invalidInput', 'Only two snapshots of the same host port can be compared.');
  }
  const b = before.hostPort;
  const a = after.hostPort;
  return {
    before: metaView(recFromSnapshot(before)),
    after: metaView(recFromSnapshot(after)),
    fields: fieldChanges(b, a),
    banners: diffKeyed(b.banners, a.banners, bannerKey, bannerChanged, 'changed'),
    services: diffKeyed(b.services, a.services, serviceKey, (x, y) => (x.component?.version ?? null) !== (y.component?.version ?? null), 'versionChanged'),
    certificate: {
      changed: certIdentity(b) !== certIdentity(a),
      before: b.certificate,
      after: a.certificate,
    },
    ...contextPart(before, after),
  };
}

function contextPart(before: SnapshotView, after: SnapshotView): Pick<CompareView, 'context'> {
  const context = compareContext(before, after);
  return context ? { context } : {};
}

function fieldChanges(b: HostPortView, a: HostPortView): CompareView['fields'] {
  const pairs: [string, string | number | null, string | number | null][] = [
    ['status', b.status, a.status],
    ['protocol', b.protocol, a.protocol],
    ['port', b.port, a.port],
    ['timesObserved', b.timesObserved, a.timesObserved],
    ['firstSeen', b.firstSeen.raw, a.firstSeen.raw],
    ['lastSeen', b.lastSeen.raw, a.lastSeen.raw],
    ['lastScan', b.lastScan.raw, a.lastScan.raw],
    ['bannerCount', b.banners.length, a.banners.length],
    ['serviceCount', b.services.length, a.services.length],
  ];
  return pairs.filter(([, x, y]) => x !== y).map(([field, before, after]) => ({ field, before, after }));
}

const bannerKey = (x: BannerView): string => `${x.scanProtocol ?? ''}\u0000${x.banner}`;
const bannerChanged = (x: BannerView, y: BannerView): boolean =>
  x.timesObserved !== y.timesObserved || x.lastSeen.raw !== y.lastSeen.raw || x.firstSeen.raw !== y.firstSeen.raw;
const serviceKey = (x: ServiceView): string => `${x.component?.name ?? ''}\u0000${x.component?.category ?? ''}`;

function certIdentity(hp: HostPortView): string | null {
  const c = hp.certificate;
  if (!c) return null;
  return c.sha1 ? `sha1:${c.sha1.toLowerCase()}` : c.id ? `id:${c.id}` : `fp:${c.fingerprint ?? ''}:${c.serialNumber ?? ''}`;
}

function diffKeyed<T, K extends string>(
  before: T[],
  after: T[],
  key: (x: T) => string,
  changed: (x: T, y: T) => boolean,
  changedName: K,
): { added: T[]; removed: T[] } & Record<K, { before: T; after: T }[]> {
  const pool = new Map<string, T[]>();
  for (const x of before) {
    const k = key(x);
    const list = pool.get(k);
    if (list) list.push(x);
    else pool.set(k, [x]);
  }
  const added: T[] = [];
  const changes: { before: T; after: T }[] = [];
  for (const y of after) {
    const match = pool.get(key(y))?.shift();
    if (match === undefined) added.push(y);
    else if (changed(match, y)) changes.push({ before: match, after: y });
  }
  const removed = [...pool.values()].flat();
  return { added, removed, [changedName]: changes } as { added: T[]; removed: T[] } & Record<K, { before: T; after: T }[]>;
}
