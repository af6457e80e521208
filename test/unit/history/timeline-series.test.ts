// The timeline series derived from stored snapshots: bars merged across snapshots (earliest first seen, latest last
// seen), invalid or missing dates kept off the picture with a note, certificate validity bands, save marks, limits;
// and history:timeline read through a real store.
import { describe, expect, it } from 'vitest';
import { hostPortTimeline } from '../../../src-main/core/history/timeline-query';
import { timelineSeries } from '../../../src-main/core/history/timeline-series';
import { parseRequest } from '../../../src-shared/contract';
import type { BannerView, CertificateView, ServiceView, SnapshotView, Stamp } from '../../../src-shared/views';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from './helpers';

const at = (iso: string): Stamp => ({ raw: iso, ms: Date.parse(iso) });
const bad = (raw: string): Stamp => ({ raw, ms: null });
const none: Stamp = { raw: null, ms: null };

const banner = (text: string, first: Stamp, last: Stamp, scanProtocol: string | null = 'ssh'): BannerView => ({ banner: text, scanProtocol, firstSeen: first, lastSeen: last, timesObserved: 1 });
const service = (name: string, version: string, first: Stamp, last: Stamp, component: Partial<{ firstSeen: Stamp; lastSeen: Stamp }> = {}): ServiceView => ({
  firstSeen: first,
  lastSeen: last,
  isRecent: null,
  component: { id: null, name, version, category: 'Web servers', firstSeen: component.firstSeen ?? none, lastSeen: component.lastSeen ?? none },
});
const cert = (sha1: string, from: Stamp, until: Stamp, cn = 'example.org'): CertificateView => {
  const entity = { commonName: cn, alternateNames: [], organizationName: null, organizationUnitName: null, email: null, givenName: null, surname: null, serialNumber: null, address: null };
  return { id: null, sha1, fingerprint: null, serialNumber: null, issueDate: from, expirationDate: until, firstSeen: none, lastSeen: none, issuer: entity, subject: entity, referenceOnly: false };
};

function snap(id: string, savedAt: string, parts: { banners?: BannerView[]; services?: ServiceView[]; certificate?: CertificateView | null }): SnapshotView {
  return {
    id,
    hostPortId: 'hp-1',
    host: '203.0.113.5',
    port: 22,
    savedAt,
    cloud: 'global',
    tenant: null,
    account: null,
    source: 'graph',
    request: { url: 'https://graph.example/x', select: [], expand: [], resolvedFrom: null },
    raw: '{}',
    hostPort: {
      id: 'hp-1', port: 22, protocol: 'tcp', status: 'open', firstSeen: none, lastSeen: none, lastScan: none, timesObserved: null,
      banners: parts.banners ?? [], services: parts.services ?? [], certificate: parts.certificate ?? null, host: null, extra: {}, warnings: [],
    },
  };
}

describe('timelineSeries', () => {
  it('merges a banner and a service across snapshots from the earliest first seen to the latest last seen', () => {
    const older = snap('s1', '2024-01-10T00:00:00.000Z', {
      banners: [banner('SSH-2.0-OpenSSH_8.2p1', at('2023-01-01T00:00:00Z'), at('2023-03-01T00:00:00Z')), banner('SSH-2.0-OpenSSH_8.2p1', at('2022-06-01T00:00:00Z'), at('2022-07-01T00:00:00Z'), 'http_raw')],
      services: [service('OpenSSH', '8.2p1', at('2023-01-05T00:00:00Z'), at('2023-02-01T00:00:00Z'))],
    });
    const newer = snap('s2', '2024-06-10T00:00:00.000Z', {
      banners: [banner('SSH-2.0-OpenSSH_8.2p1', at('2023-02-01T00:00:00Z'), at('2023-06-01T00:00:00Z'))],
      services: [service('OpenSSH', '8.2p1', at('2023-01-01T00:00:00Z'), at('2023-05-01T00:00:00Z')), service('OpenSSH', '9.3', at('2023-06-01T00:00:00Z'), at('2024-01-01T00:00:00Z'))],
    });
    // Given newest first (as the store lists them): marks still come out oldest first.
    const t = timelineSeries('hp-1', [newer, older]);
    expect(t.marks.map((m) => m.snapshotId)).toEqual(['s1', 's2']);
    expect(t.bars.map((b) => [b.kind, b.detail, new Date(b.start).toISOString().slice(0, 10), new Date(b.end).toISOString().slice(0, 10), b.snapshots])).toEqual([
      // The same text under another scan protocol is another banner; each group in order of first seen.
      ['banner', 'http_raw', '2022-06-01', '2022-07-01', 1],
      ['banner', 'ssh', '2023-01-01', '2023-06-01', 2],
      ['service', '8.2p1', '2023-01-01', '2023-05-01', 2],
      ['service', '9.3', '2023-06-01', '2024-01-01', 1],
    ]);
    expect(new Set(t.bars.map((b) => b.key)).size).toBe(4);
    expect(t.notes).toEqual([]);
    expect([t.host, t.port, t.protocol]).toEqual(['203.0.113.5', 22, 'tcp']);
  });

  it('keeps invalid, missing and reversed dates off the picture and says so; a valid date from another snapshot still counts', () => {
    const t = timelineSeries('hp-1', [
      snap('s1', '2024-01-10T00:00:00.000Z', {
        banners: [
          banner('month 17', bad('2016-17-13T08:43:41.00Z'), at('2017-01-01T00:00:00Z')),
          banner('no last seen', at('2017-01-01T00:00:00Z'), none),
          banner('reversed', at('2019-01-01T00:00:00Z'), at('2018-01-01T00:00:00Z')),
          banner('mended later', bad('2016-17-13T08:43:41.00Z'), at('2018-01-01T00:00:00Z')),
        ],
        // No service-level dates: the component's own dates stand in.
        services: [service('nginx', '1.24.0', none, none, { firstSeen: at('2020-01-01T00:00:00Z'), lastSeen: at('2021-01-01T00:00:00Z') }), service('ghost', '1', none, none)],
      }),
      snap('s2', 'not a time', { banners: [banner('mended later', at('2017-06-01T00:00:00Z'), at('2018-02-01T00:00:00Z'))] }),
    ]);
    expect(t.bars.map((b) => b.label)).toEqual(['mended later', 'nginx']);
    expect(t.bars[0]!.start).toBe(Date.parse('2017-06-01T00:00:00Z'));
    expect(t.marks.map((m) => m.snapshotId)).toEqual(['s1']);
    expect(t.notes).toEqual([
      '1 banner without a valid first seen date (an invalid date was reported): not drawn.',
      '1 banner without a valid last seen date: not drawn.',
      '1 banner first seen after last seen: not drawn.',
      '1 service without a valid first or last seen date: not drawn.',
      '1 snapshot has no valid save time: no mark drawn.',
    ]);
  });

  it('draws one validity band per certificate, from its notBefore to its notAfter', () => {
    const a = cert('AAAA', at('2023-01-01T00:00:00Z'), at('2023-04-01T00:00:00Z'), 'old.example.org');
    const t = timelineSeries('hp-1', [
      snap('s1', '2023-02-01T00:00:00.000Z', { certificate: a }),
      snap('s2', '2023-03-01T00:00:00.000Z', { certificate: { ...a, sha1: 'aaaa' } }),
      snap('s3', '2023-05-01T00:00:00.000Z', { certificate: cert('BBBB', at('2023-03-20T00:00:00Z'), at('2023-06-18T00:00:00Z'), 'new.example.org') }),
      snap('s4', '2023-06-01T00:00:00.000Z', { certificate: { ...cert('CCCC', none, none), referenceOnly: true } }),
      snap('s5', '2023-06-02T00:00:00.000Z', { certificate: cert('DDDD', bad('2023-13-01'), at('2024-01-01T00:00:00Z')) }),
    ]);
    expect(t.bands.map((b) => [b.subject, b.snapshots, new Date(b.start).toISOString().slice(0, 10), new Date(b.end).toISOString().slice(0, 10)])).toEqual([
      ['old.example.org', 2, '2023-01-01', '2023-04-01'],
      ['new.example.org', 1, '2023-03-20', '2023-06-18'],
    ]);
    expect(t.notes).toEqual(['1 certificate without a valid first seen date (an invalid date was reported): not drawn.']);
  });

  it('sends at most the limit of bars of each kind and counts the rest', () => {
    const banners = Array.from({ length: 5 }, (_, i) => banner(`b${i}`, at(`2020-0${i + 1}-01T00:00:00Z`), at('2021-01-01T00:00:00Z')));
    const t = timelineSeries('hp-1', [snap('s1', '2024-01-01T00:00:00.000Z', { banners, services: [service('x', '1', at('2020-01-01T00:00:00Z'), at('2020-02-01T00:00:00Z'))] })], 3);
    expect(t.bars.map((b) => b.label)).toEqual(['b0', 'b1', 'b2', 'x']);
    expect(t.omitted).toEqual({ banners: 2, services: 0 });
  });

  it('cuts a long banner to an excerpt and keeps its length', () => {
    const long = 'A'.repeat(5000);
    const t = timelineSeries('hp-1', [snap('s1', '2024-01-01T00:00:00.000Z', { banners: [banner(long, at('2020-01-01T00:00:00Z'), at('2020-02-01T00:00:00Z'))] })]);
    expect(t.bars[0]!.label.length).toBeLessThan(200);
    expect(t.bars[0]!.labelLength).toBe(5000);
  });
});

describe('history:timeline', () => {
  it('is read from the saved snapshots of one host port; an unknown host port is notFound', async () => {
    const store = await openStore(tempDir());
    const first = makeSnapshot(0, { hostPorts: 1 });
    await store.save(first);
    await store.save({ ...makeSnapshot(1, { hostPorts: 1 }), hostPortId: first.hostPortId });
    const t = await hostPortTimeline(store, first.hostPortId);
    expect(t.hostPortId).toBe(first.hostPortId);
    expect(t.marks).toHaveLength(2);
    expect(t.bars.length).toBeGreaterThan(0);
    await expect(hostPortTimeline(store, 'nothing-here')).rejects.toMatchObject({ error: { kind: 'notFound', code: 'HISTORY_HOST_PORT_NOT_FOUND' } });
    expect(parseRequest('history:timeline', { hostPortId: first.hostPortId }).ok).toBe(true);
    expect(parseRequest('history:timeline', {}).ok).toBe(false);
  });
});
