// JSON batching: the request a batch makes (on the Graph root of the cloud in force, sub-request URLs relative
// to it), each sub-response read on its own (a 429 inside carries its own Retry-After, which pauses the gate),
// and the scheduler sending a job in batches: every target answered once, a throttled request asked again only
// after its Retry-After, nothing sent inside that window.
import { describe, expect, it } from 'vitest';
import { ThrottleGate } from '../../../../src-main/core/bulk/gate';
import { createBulkGraph, type BatchAnswer, type BatchItem, type BulkGraph, type BulkHit, type CallAnswer, type PortsPage } from '../../../../src-main/core/bulk/graph-calls';
import { BulkRun, type TargetOutcome } from '../../../../src-main/core/bulk/scheduler';
import { parseHostPort } from '../../../../src-main/core/graph/parse';
import type { HttpRequest, HttpResponse } from '../../../../src-main/core/ports';
import { planBulk } from '../../../../src-shared/bulk-targets';
import { FakeTimers } from '../../../support/fake-timers';

describe('BulkGraph.batch', () => {
  it('posts one $batch on the cloud root in force and reads each answer on its own', async () => {
    const timers = new FakeTimers();
    const sent: HttpRequest[] = [];
    const retryAfter: number[] = [];
    const root = 'https://microsoftgraph.chinacloudapi.cn';
    const transport = async (req: HttpRequest): Promise<HttpResponse> => {
      sent.push(req);
      const responses = [
        { id: '1', status: 200, headers: { 'Content-Type': 'application/json' }, body: { value: [{ id: '10.0.0.1$22', port: 22, protocol: 'tcp', status: 'open' }] } },
        { id: '2', status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } } },
        { id: '3', status: 200, headers: {}, body: { id: 'pasted-id', port: 443, protocol: 'tcp', status: 'open', host: { id: '10.0.0.9' } } },
      ];
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ responses }) };
    };
    const graph = createBulkGraph({
      transport,
      serviceRoot: root,
      apiVersion: 'v1.0',
      tokens: { getToken: async () => 'tok' },
      timers,
      gate: { pausedAt: () => false, noteRetryAfter: (ms) => void retryAfter.push(ms) },
    });
    const items: BatchItem[] = [
      { kind: 'list', url: graph.firstPortsUrl('10.0.0.1'), host: '10.0.0.1' },
      { kind: 'list', url: graph.firstPortsUrl('10.0.0.2'), host: '10.0.0.2' },
      { kind: 'id', id: 'pasted-id' },
    ];
    const answer = await graph.batch!(items);

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', url: `${root}/v1.0/$batch`, headers: { authorization: 'Bearer tok', 'content-type': 'application/json' } });
    const body = JSON.parse(sent[0]!.body ?? '') as { requests: { id: string; method: string; url: string }[] };
    expect(body.requests).toEqual([
      { id: '1', method: 'GET', url: '/security/threatIntelligence/hosts/10.0.0.1/ports?$expand=mostRecentSslCertificate' },
      { id: '2', method: 'GET', url: '/security/threatIntelligence/hosts/10.0.0.2/ports?$expand=mostRecentSslCertificate' },
      { id: '3', method: 'GET', url: '/security/threatIntelligence/hostPorts/pasted-id?$expand=mostRecentSslCertificate' },
    ]);
    expect(answer.kind).toBe('each');
    const answers = (answer as Extract<BatchAnswer, { kind: 'each' }>).answers;
    expect(answers.map((a) => a.kind)).toEqual(['ok', 'throttled', 'ok']);
    expect(answers[1]).toMatchObject({ kind: 'throttled', retryAfterMs: 7000 });
    expect((answers[0] as { value: PortsPage }).value.items.map((i) => i.port)).toEqual([22]);
    expect((answers[2] as { value: BulkHit }).value).toMatchObject({ hostPortId: 'pasted-id', port: 443 });
    // The Retry-After inside the batch pauses the shared gate at once.
    expect(retryAfter).toEqual([7000]);
  });

  it('a batch refused whole with 429 is one throttled answer for all its requests', async () => {
    const timers = new FakeTimers();
    const graph = createBulkGraph({
      transport: async () => ({ status: 429, headers: { 'retry-after': '3' }, body: '{"error":{"code":"TooManyRequests","message":"x"}}' }),
      serviceRoot: 'https://graph.microsoft.com',
      apiVersion: 'beta',
      tokens: { getToken: async () => 'tok' },
      timers,
    });
    const answer = await graph.batch!([{ kind: 'id', id: 'a' }, { kind: 'id', id: 'b' }]);
    expect(answer).toMatchObject({ kind: 'whole', answer: { kind: 'throttled', retryAfterMs: 3000 } });
  });
});

function hit(host: string, port: number): BulkHit {
  const id = `${host}$${port}`;
  return { hostPortId: id, host, port, hostPort: parseHostPort({ id, port, protocol: 'tcp', status: 'open' }), raw: '{}', url: '' };
}

describe('BulkRun with batching', () => {
  it('sends the job in batches of at most 20, answers every target once, and retries a throttled request only after its window', async () => {
    const timers = new FakeTimers();
    const gate = new ThrottleGate({ timers, initialLimit: 2, maxLimit: 4 });
    const batches: { at: number; hosts: string[] }[] = [];
    let throttledOnce = false;
    let windowEnd = 0;
    const graph: BulkGraph = {
      firstPortsUrl: (h) => `https://graph.test/v1.0/hosts/${h}/ports`,
      // A lone request left over goes on its own (a batch of one saves nothing).
      async portsPage(_url, host) {
        batches.push({ at: timers.now(), hosts: [host] });
        await new Promise<void>((r) => timers.after(10, r));
        return { kind: 'ok', value: { items: [hit(host, 22)], nextLink: null } };
      },
      hostPort: async () => {
        throw new Error('no host port IDs here');
      },
      async batch(items) {
        batches.push({ at: timers.now(), hosts: items.map((i) => (i.kind === 'list' ? i.host : i.id)) });
        await new Promise<void>((r) => timers.after(10, r));
        const answers = items.map((i): CallAnswer<PortsPage | BulkHit> => {
          const host = i.kind === 'list' ? i.host : i.id;
          if (host === '10.5.0.30' && !throttledOnce) {
            throttledOnce = true;
            windowEnd = timers.now() + 2000;
            gate.noteRetryAfter(2000);
            return { kind: 'throttled', retryAfterMs: 2000, error: { kind: 'throttled', message: 'slow down', status: 429 } };
          }
          return { kind: 'ok', value: { items: [hit(host, 22)], nextLink: null } };
        });
        return { kind: 'each', answers };
      },
    };
    const lines = Array.from({ length: 45 }, (_, i) => `10.5.0.${i + 1}:22`);
    const outcomes: TargetOutcome[] = [];
    const run = new BulkRun({ targets: planBulk(lines).targets, gate, graph, timers, batchSize: 20, random: () => 0.5, onOutcome: async (o) => void outcomes.push(o) });
    const end = run.run();
    await timers.advance(10_000);
    expect(await end).toBe('finished');
    expect(batches.every((b) => b.hosts.length <= 20)).toBe(true);
    expect(batches.length).toBeLessThan(10);
    expect(outcomes).toHaveLength(45);
    expect(new Set(outcomes.map((o) => o.key)).size).toBe(45);
    expect(outcomes.every((o) => o.status === 'found')).toBe(true);
    // 10.5.0.30 asked twice (throttled, then answered); every other host once.
    const asked = batches.flatMap((b) => b.hosts);
    expect(asked.filter((h) => h === '10.5.0.30')).toHaveLength(2);
    expect(asked).toHaveLength(46);
    // Nothing left inside the Retry-After window.
    const throttledBatch = batches.findIndex((b) => b.hosts.includes('10.5.0.30'));
    expect(batches.slice(throttledBatch + 1).filter((b) => b.at > windowEnd - 2000 && b.at < windowEnd)).toEqual([]);
    expect(batches.filter((b) => b.hosts.includes('10.5.0.30'))[1]!.at).toBeGreaterThanOrEqual(windowEnd);
    expect(run.requests).toBe(46);
  });
});
