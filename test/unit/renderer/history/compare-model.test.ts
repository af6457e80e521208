import { describe, expect, it } from 'vitest';
import type { BannerView, CertificateView, CompareView, ServiceView, SnapshotMetaView, Stamp } from '../../../../src-shared/views';
import {
  bannerDifferences,
  certificateLabel,
  changeCount,
  fieldLabel,
  fieldValue,
  orderForCompare,
  serviceLabel,
} from '../../../../src-renderer/features/history/compare/compare-model';

const stamp = (raw: string | null): Stamp => ({ raw, ms: raw ? Date.parse(raw) : null });
const meta = (id: string, savedAt: string): SnapshotMetaView => ({ id, hostPortId: 'hp', savedAt, status: 'open', bannerCount: 1, serviceCount: 1 });
const banner = (times: number | null, last: string): BannerView => ({ banner: 'SSH-2.0', scanProtocol: 'ssh', firstSeen: stamp('2024-01-01T00:00:00Z'), lastSeen: stamp(last), timesObserved: times });
const service = (name: string | null, version: string | null, category: string | null = 'Server'): ServiceView => ({
  firstSeen: stamp(null),
  lastSeen: stamp(null),
  isRecent: true,
  component: { id: null, name, version, category, firstSeen: stamp(null), lastSeen: stamp(null) },
});
const empty = (): CompareView => ({
  before: meta('a', '2025-01-01T00:00:00Z'),
  after: meta('b', '2025-01-02T00:00:00Z'),
  fields: [],
  banners: { added: [], removed: [], changed: [] },
  services: { added: [], removed: [], versionChanged: [] },
  certificate: { changed: false, before: null, after: null },
});

describe('orderForCompare', () => {
  it('puts the older snapshot first whatever order they were ticked in', () => {
    const older = meta('x', '2025-01-01T00:00:00Z');
    const newer = meta('y', '2025-02-01T00:00:00Z');
    expect(orderForCompare(newer, older)).toEqual({ beforeId: 'x', afterId: 'y' });
    expect(orderForCompare(older, newer)).toEqual({ beforeId: 'x', afterId: 'y' });
  });
  it('breaks a tie on the same instant by id, so the order is stable', () => {
    const t = '2025-01-01T00:00:00Z';
    expect(orderForCompare(meta('b', t), meta('a', t))).toEqual({ beforeId: 'a', afterId: 'b' });
  });
});

describe('changeCount', () => {
  it('is zero when nothing changed and counts every kind of change', () => {
    expect(changeCount(empty())).toBe(0);
    const v = empty();
    v.fields.push({ field: 'status', before: 'open', after: 'closed' });
    v.banners.added.push(banner(1, '2025-01-01T00:00:00Z'));
    v.banners.changed.push({ before: banner(1, '2025-01-01T00:00:00Z'), after: banner(2, '2025-01-01T00:00:00Z') });
    v.services.removed.push(service('nginx', '1.0'));
    v.services.versionChanged.push({ before: service('ssh', '1'), after: service('ssh', '2') });
    v.certificate.changed = true;
    expect(changeCount(v)).toBe(6);
  });
});

describe('descriptions', () => {
  it('labels fields and formats their values', () => {
    expect(fieldLabel('timesObserved')).toBe('Times observed');
    expect(fieldLabel('somethingNew')).toBe('somethingNew');
    expect(fieldValue(null)).toBe('—');
    expect(fieldValue(12345)).toBe('12,345');
    expect(fieldValue('open')).toBe('open');
  });
  it('says what differs in a changed banner', () => {
    expect(bannerDifferences(banner(40, '2025-01-01T00:00:00Z'), banner(41, '2025-02-01T00:00:00Z'))).toEqual([
      'times observed 40 → 41',
      'last seen 2025-01-01T00:00:00Z → 2025-02-01T00:00:00Z',
    ]);
    expect(bannerDifferences(banner(1, '2025-01-01T00:00:00Z'), banner(1, '2025-01-01T00:00:00Z'))).toEqual([]);
  });
  it('names services and certificates so two can be told apart', () => {
    expect(serviceLabel(service('nginx', '1.25.3'))).toBe('nginx 1.25.3');
    expect(serviceLabel(service(null, null, 'Server'))).toBe('Server');
    expect(serviceLabel({ ...service('x', 'y'), component: null })).toBe('(no component)');
    const cert = { sha1: 'ab12', id: 'c1', subject: { commonName: 'shop.example.test' }, issuer: null } as unknown as CertificateView;
    expect(certificateLabel(cert)).toBe('shop.example.test · SHA-1 ab12');
    expect(certificateLabel({ ...cert, sha1: null, subject: null } as CertificateView)).toBe('id c1');
    expect(certificateLabel(null)).toBe('none');
  });
});
