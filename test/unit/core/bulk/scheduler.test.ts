import { describe, expect, it } from 'vitest';
import { ThrottleGate } from '../../../../src-main/core/bulk/gate';
import type { BulkGraph, BulkHit, CallAnswer, PortsPage } from '../../../../src-main/core/bulk/graph-calls';
import { BulkRun, type TargetOutcome } from '../../../../src-main/core/bulk/scheduler';
import { planBulk } from '../../../../src-shared/bulk-targets';
import { parseHostPort } from '../../../../src-main/core/graph/parse';
import { FakeTimers, settle } from '../../../support/fake-timers';

function hit(host: string, port: number, protocol = 'tcp'): BulkHit {
  const id = `${host}-${port}-${protocol}`;
  return { hostPortId: id, host, port, hostPort: parseHostPort({ id, port, protocol, status: 'open' }), raw: '{}', url: '' };
}

type Script = (call: { host: string; url: string; at: number; n: number }) => CallAnswer<PortsPage>;

function fakeGraph(timers: FakeTimers, script: Script): BulkGraph & { calls: { host: string; at: number }[] } {
  const calls: { host: string; at: number }[] = [];
  return {
    calls,
    firstPortsUrl: (host) => `https://graph.test/hosts/${host}/ports`,
    async portsPage(url, host) {
      calls.push({ host, at: timers.now() });
      // Every answer takes 10 ms of (fake) time; the script sees the time it arrives.
      await new Promise<void>((r) => timers.after(10, r));
      return script({ host, url, at: timers.now(), n: calls.length });
    },
    async hostPort(id) {
      calls.push({ host: `id:${id}`, at: timers.now() });
      return { kind: 'ok', value: hit('h', 1) };
    },
  };
}

const okPage = (host: string, ports: number[]): CallAnswer<PortsPage> => ({ kind: 'ok', value: { items: ports.map((p) => hit(host, p)), nextLink: null } });
const throttled = (ms: number | null): CallAnswer<PortsPage> => ({ kind: 'throttled', retryAfterMs: ms, error: { kind: 'throttled', message: 'slow down', status: 429 } });

function setup(lines: string[], script: Script, opts: { limit?: number; max?: number } = {}) {
  const timers = new FakeTimers();
  const gate = new ThrottleGate({ timers, initialLimit: opts.limit ?? 2, maxLimit: opts.max ?? 16 });
  const graph = fakeGraph(timers, script);
  const outcomes: TargetOutcome[] = [];
  const stopped: string[] = [];
  const run = new BulkRun({
    targets: planBulk(lines).targets,
    gate,
    graph,
    timers,
    random: () => 0.5,
    onOutcome: async (o) => void outcomes.push(o),
    onStopped: (e) => void stopped.push(e.kind),
  });
  return { timers, gate, graph, outcomes, stopped, run };
}

describe('BulkRun', () => {
  it('lists each host once and answers all its ports from that list; a host alone takes every listed port', async () => {
    const s = setup(['10.0.0.1:22', '10.0.0.1 80', 'hxxp://10[.]0[.]0[.]1:8080', '10.0.0.2', '10.0.0.3:1'], ({ host }) =>
      host === '10.0.0.3' ? okPage(host, [2]) : okPage(host, [22, 80, 443]),
    );
    const end = s.run.run();
    await s.timers.advance(1000);
    expect(await end).toBe('finished');
    expect(s.graph.calls.map((c) => c.host).sort()).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    const by = Object.fromEntries(s.outcomes.map((o) => [o.key, o]));
    expect(by['10.0.0.1|22']).toMatchObject({ status: 'found' });
    expect(by['10.0.0.1|8080']).toMatchObject({ status: 'notFound' });
    expect(by['10.0.0.2|*']).toMatchObject({ status: 'found', hits: [{ port: 22 }, { port: 80 }, { port: 443 }] });
    expect(by['10.0.0.3|1']).toMatchObject({ status: 'notFound' });
    expect(s.outcomes).toHaveLength(5);
  });

  it('sends nothing inside a Retry-After window, then resumes at exactly its end', async () => {
    let throttledAt = -1;
    const s = setup(
      Array.from({ length: 6 }, (_, i) => `10.0.1.${i + 1}:80`),
      ({ host, at, n }) => {
        if (n === 3) {
          throttledAt = at;
          return throttled(2500);
        }
        return okPage(host, [80]);
      },
      { limit: 1, max: 1 },
    );
    const end = s.run.run();
    await s.timers.advance(10_000);
    expect(await end).toBe('finished');
    expect(throttledAt).toBeGreaterThan(0);
    const after = s.graph.calls.filter((c) => c.at >= throttledAt).map((c) => c.at - throttledAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((d) => d >= 2500)).toBe(true);
    expect(after[0]).toBe(2500);
    expect(s.outcomes.filter((o) => o.status === 'found')).toHaveLength(6);
  });

  it('halves concurrency on throttling and grows it again while answers are healthy', async () => {
    let n429 = 0;
    const s = setup(Array.from({ length: 40 }, (_, i) => `10.0.2.${i + 1}:80`), ({ host, n }) => {
      if (n === 10 && n429++ === 0) return throttled(1000);
      return okPage(host, [80]);
    }, { limit: 4, max: 8 });
    const limits: number[] = [];
    s.gate.onChange(() => limits.push(s.gate.state.limit));
    const end = s.run.run();
    await s.timers.advance(5000);
    expect(await end).toBe('finished');
    const cut = limits.findIndex((l, i) => i > 0 && l < limits[i - 1]!);
    expect(cut).toBeGreaterThan(0);
    expect(limits[cut]).toBe(Math.floor(limits[cut - 1]! / 2));
    expect(limits.at(-1)).toBeGreaterThan(limits[cut]!);
    expect(s.outcomes.filter((o) => o.status === 'found')).toHaveLength(40);
  });

  it('bounds retries of a target that never gets an answer', async () => {
    const s = setup(['10.0.3.1:80', '10.0.3.2:80'], ({ host }) =>
      host === '10.0.3.1' ? { kind: 'retry', error: { kind: 'network', message: 'reset' } } : okPage(host, [80]),
    );
    const end = s.run.run();
    await s.timers.advance(60_000);
    expect(await end).toBe('finished');
    expect(s.graph.calls.filter((c) => c.host === '10.0.3.1')).toHaveLength(4);
    expect(s.outcomes.find((o) => o.key === '10.0.3.1|80')).toMatchObject({ status: 'failed', error: { kind: 'network' } });
  });

  it('cancel stops sending at once, also during a backoff', async () => {
    const s = setup(Array.from({ length: 20 }, (_, i) => `10.0.4.${i + 1}:80`), ({ host, n }) => (n === 2 ? throttled(30_000) : okPage(host, [80])), { limit: 1, max: 1 });
    const end = s.run.run();
    await s.timers.advance(1000);
    const sent = s.graph.calls.length;
    s.run.cancel();
    await s.timers.advance(60_000);
    expect(await end).toBe('cancelled');
    expect(s.graph.calls.length).toBe(sent);
    expect(s.outcomes.length).toBeLessThan(20);
  });

  it('pause holds new requests; resume continues with nothing lost or repeated', async () => {
    const s = setup(Array.from({ length: 10 }, (_, i) => `10.0.5.${i + 1}:80`), ({ host }) => okPage(host, [80]), { limit: 1, max: 1 });
    const end = s.run.run();
    s.run.pause();
    await s.timers.advance(1000);
    const during = s.graph.calls.length;
    expect(during).toBeLessThanOrEqual(1);
    s.run.resume();
    await s.timers.advance(1000);
    expect(await end).toBe('finished');
    expect(new Set(s.graph.calls.map((c) => c.host)).size).toBe(10);
    expect(s.graph.calls).toHaveLength(10);
  });

  it('stops (paused) on a sign-in or licence answer instead of failing every target', async () => {
    const s = setup(['10.0.6.1:80', '10.0.6.2:80', '10.0.6.3:80'], () => ({ kind: 'stop', error: { kind: 'forbidden', message: 'no' } }), { limit: 1, max: 1 });
    void s.run.run();
    await s.timers.advance(1000);
    expect(s.stopped).toEqual(['forbidden']);
    expect(s.run.paused).toBe(true);
    expect(s.graph.calls).toHaveLength(1);
    expect(s.outcomes).toHaveLength(0);
    s.run.cancel();
  });

  it('single lookups made during a job get the next free slot', async () => {
    const s = setup(Array.from({ length: 10 }, (_, i) => `10.0.7.${i + 1}:80`), ({ host }) => okPage(host, [80]), { limit: 1, max: 1 });
    const order: string[] = [];
    s.gate.onChange(() => undefined);
    const end = s.run.run();
    await settle();
    void s.gate.acquire(true).then((t) => {
      order.push(`single after ${s.graph.calls.length}`);
      t.release({ kind: 'ok' });
    });
    await s.timers.advance(1000);
    await end;
    expect(order).toEqual(['single after 1']);
    expect(s.graph.calls).toHaveLength(10);
  });
  it('a call that throws counts as a failed attempt: it backs off and ends failed after the bounded retries', async () => {
    const s = setup(['10.0.8.1:80'], () => {
      throw new Error('socket exploded');
    });
    const end = s.run.run();
    await s.timers.advance(60_000);
    expect(await end).toBe('finished');
    expect(s.graph.calls).toHaveLength(4);
    expect(s.graph.calls[1]!.at).toBeGreaterThan(s.graph.calls[0]!.at + 10);
    expect(s.outcomes).toEqual([expect.objectContaining({ key: '10.0.8.1|80', status: 'failed', error: expect.objectContaining({ kind: 'internal', message: expect.stringContaining('socket exploded') }) })]);
  });
});
