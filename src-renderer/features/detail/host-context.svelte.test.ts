import { describe, expect, test, vi } from 'vitest';
import type { HostSectionView } from '../../../src-shared/host-views';
import type { PortolanError, Result } from '../../../src-shared/views';
import { HostContextState } from './host-context.svelte';
import { stripEntries } from './port-strip';

vi.mock('../../lib/api', () => ({ call: () => Promise.reject(new Error('no api in this test')) }));

const stamp = { raw: null, ms: null };
const dnsPage = (names: string[], nextLink: string | null): HostSectionView => ({
  kind: 'passiveDns',
  fetchedAt: '2025-01-01T00:00:00.000Z',
  nextLink,
  records: names.map((n) => ({ id: n, recordType: 'A', artifact: '192.0.2.1', artifactType: null, parentHost: n, collected: stamp, firstSeen: stamp, lastSeen: stamp })),
});
const denied: PortolanError = { kind: 'forbidden', message: 'No.', status: 403, code: 'accessDenied', field: 'reputation' };

function fake(answers: Record<string, Result<HostSectionView>[]>) {
  const requests: unknown[] = [];
  const invoke = async (req: { kind: string }): Promise<Result<HostSectionView>> => {
    requests.push(req);
    const next = answers[req.kind]?.shift();
    if (!next) throw new Error(`unexpected ${req.kind}`);
    return next;
  };
  return { invoke: invoke as never, requests };
}

describe('HostContextState', () => {
  test("a fresh lookup's saved snapshot is named in every section request, first page and next pages alike", async () => {
    const { invoke, requests } = fake({ passiveDns: [{ ok: true, value: dnsPage(['a.example'], 'https://graph.example/next') }, { ok: true, value: dnsPage(['b.example'], null) }] });
    const ctx = new HostContextState('h.example', null, {}, invoke, 'snap-7');
    await ctx.load('passiveDns');
    await ctx.loadMore('passiveDns');
    expect(requests).toEqual([
      { kind: 'passiveDns', host: 'h.example', snapshotId: 'snap-7' },
      { kind: 'passiveDns', host: 'h.example', snapshotId: 'snap-7', nextLink: 'https://graph.example/next' },
    ]);
  });

  test('one section failing leaves the others loading and loaded', async () => {
    const { invoke } = fake({
      reputation: [{ ok: false, error: denied }],
      host: [{ ok: true, value: { kind: 'host', fetchedAt: 'x', host: { id: 'h', odataType: null, firstSeen: stamp, lastSeen: stamp, details: {} } } }],
    });
    const ctx = new HostContextState('h.example', null, {}, invoke);
    await Promise.all([ctx.load('reputation'), ctx.load('host')]);
    expect(ctx.state('reputation')).toEqual({ status: 'error', error: denied });
    expect(ctx.state('host').status).toBe('done');
    expect(ctx.state('whois').status).toBe('idle');
    expect(Object.keys(ctx.loaded())).toEqual(['host']);
  });

  test('load more follows the next link and appends; a failed next page keeps what was shown', async () => {
    const { invoke, requests } = fake({
      passiveDns: [
        { ok: true, value: dnsPage(['a', 'b'], 'https://graph.example/v1.0/x/passiveDns?$skiptoken=1') },
        { ok: false, error: { kind: 'throttled', message: 'Slow down.' } },
        { ok: true, value: dnsPage(['c'], null) },
      ],
    });
    const ctx = new HostContextState('h.example', null, {}, invoke);
    await ctx.load('passiveDns');
    await ctx.loadMore('passiveDns');
    const afterFailure = ctx.state('passiveDns');
    expect(afterFailure.status === 'done' && afterFailure.more).toMatchObject({ kind: 'throttled' });
    await ctx.loadMore('passiveDns');
    const s = ctx.state('passiveDns');
    expect(s.status === 'done' && s.view.kind === 'passiveDns' && s.view.records.map((r) => r.parentHost)).toEqual(['a', 'b', 'c']);
    expect(s.status === 'done' && s.view.kind === 'passiveDns' && s.view.nextLink).toBeNull();
    expect(requests[1]).toEqual({ kind: 'passiveDns', host: 'h.example', nextLink: 'https://graph.example/v1.0/x/passiveDns?$skiptoken=1' });
  });

  test('a section asked for with a start signal shows as loading at once and sends its request only on the signal', async () => {
    const { invoke, requests } = fake({ reputation: [{ ok: false, error: denied }] });
    const ctx = new HostContextState('h.example', null, {}, invoke);
    let start!: () => void;
    const painted = new Promise<void>((resolve) => (start = resolve));
    const loading = ctx.load('reputation', painted);
    expect(ctx.state('reputation').status).toBe('loading');
    await Promise.resolve();
    await Promise.resolve();
    expect(requests).toEqual([]);
    start();
    await loading;
    expect(requests).toEqual([{ kind: 'reputation', host: 'h.example' }]);
    expect(ctx.state('reputation').status).toBe('error');
  });

  test('saved sections show as loaded; related hosts need a certificate', () => {
    const ctx = new HostContextState('h.example', null, { passiveDns: dnsPage(['a'], null) }, fake({}).invoke);
    expect(ctx.state('passiveDns').status).toBe('done');
    expect(ctx.available('relatedHosts')).toBe(false);
    expect(ctx.available('whois')).toBe(true);
  });
});

describe('the ports strip', () => {
  test('sorts by port, marks the current entry and names the other protocol of the same port', () => {
    const e = (id: string, port: number, protocol: string) => ({ id, port, protocol, status: 'open', lastSeen: stamp });
    const rows = stripEntries([e('t22', 22, 'tcp'), e('u443', 443, 'udp'), e('t443', 443, 'tcp'), e('t80', 80, 'tcp')], 't443');
    expect(rows.map((r) => `${r.port}/${r.protocol}${r.current ? '*' : ''}:${r.alsoOver.join('+')}`)).toEqual(['22/tcp:', '80/tcp:', '443/tcp*:udp', '443/udp:tcp']);
  });
});
