// Turns the store's CompareView into what the comparison panel says. Pure.
import type { BannerView, CertificateView, CompareView, ServiceView, SnapshotMetaView } from '../../../../src-shared/views';
import { contextChangeCount } from './context-changes';

/** Older snapshot first, whatever order the analyst ticked them in. */
export function orderForCompare(a: SnapshotMetaView, b: SnapshotMetaView): { beforeId: string; afterId: string } {
  const am = Date.parse(a.savedAt);
  const bm = Date.parse(b.savedAt);
  const aFirst = am < bm || (am === bm && a.id <= b.id);
  return aFirst ? { beforeId: a.id, afterId: b.id } : { beforeId: b.id, afterId: a.id };
}

export function changeCount(v: CompareView): number {
  return (
    v.fields.length +
    v.banners.added.length +
    v.banners.removed.length +
    v.banners.changed.length +
    v.services.added.length +
    v.services.removed.length +
    v.services.versionChanged.length +
    (v.certificate.changed ? 1 : 0) +
    contextChangeCount(v.context)
  );
}

const FIELD_LABELS: Record<string, string> = {
  status: 'Status',
  protocol: 'Protocol',
  port: 'Port',
  timesObserved: 'Times observed',
  firstSeen: 'First seen',
  lastSeen: 'Last seen',
  lastScan: 'Last scan',
  bannerCount: 'Banners',
  serviceCount: 'Services',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export function fieldValue(v: string | number | null): string {
  if (v === null) return '—';
  return typeof v === 'number' ? v.toLocaleString('en-US') : v;
}

/** What differs between two sightings of the same banner text (the store keys banners by text and protocol). */
export function bannerDifferences(before: BannerView, after: BannerView): string[] {
  const out: string[] = [];
  if (before.timesObserved !== after.timesObserved) out.push(`times observed ${fieldValue(before.timesObserved)} → ${fieldValue(after.timesObserved)}`);
  if (before.firstSeen.raw !== after.firstSeen.raw) out.push(`first seen ${before.firstSeen.raw ?? '—'} → ${after.firstSeen.raw ?? '—'}`);
  if (before.lastSeen.raw !== after.lastSeen.raw) out.push(`last seen ${before.lastSeen.raw ?? '—'} → ${after.lastSeen.raw ?? '—'}`);
  return out;
}

/** "nginx 1.18.0", or the category when the name is missing. */
export function serviceLabel(s: ServiceView): string {
  const c = s.component;
  if (!c) return '(no component)';
  const name = c.name ?? c.category ?? '(unnamed)';
  return c.version ? `${name} ${c.version}` : name;
}

/** One line naming a certificate: subject common name, then its SHA-1 (or id) so two certificates can be told apart. */
export function certificateLabel(c: CertificateView | null): string {
  if (!c) return 'none';
  const name = c.subject?.commonName ?? c.issuer?.commonName ?? null;
  const ident = c.sha1 ? `SHA-1 ${c.sha1}` : c.id ? `id ${c.id}` : null;
  return [name, ident].filter(Boolean).join(' · ') || 'unnamed certificate';
}
