import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ThrottleGate } from '../../../src-main/core/bulk/gate';
import { createBulkGraph } from '../../../src-main/core/bulk/graph-calls';
import { BulkJob } from '../../../src-main/core/bulk/job';
import { realTimers } from '../../../src-main/core/bulk/timers';
import { createNodeTransport } from '../../../src-main/core/net/node-transport';
import type { HttpTransport } from '../../../src-main/core/ports';
import { planBulk } from '../../../src-shared/bulk-targets';
import { startThrottlingGraphServer, type ThrottlingServer } from '../../support/throttling-graph-server';

const HOSTS = 120;

describe('bulk job against a stand-in that throttles like Graph', () => {
  let server: ThrottlingServer | null = null;
  let dir = '';
  afterEach(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends nothing inside a Retry-After window, loses nothing and asks for no host twice once answered', async () => {
    const hostPorts: Record<string, unknown> = {};
    const lines: string[] = [];
    for (let i = 0; i < HOSTS; i++) {
      const host = `198.18.${i >> 8}.${i & 255}`;
      hostPorts[`t-${i}`] = { id: `t-${i}`, port: 22, protocol: 'tcp', status: 'open', host: { id: host } };
      lines.push(`${host}:22`);
    }
    // A small quota, so the job meets several 429s (and 503s) on the way.
    server = await startThrottlingGraphServer({ dataset: { hostPorts }, rate: 40, burst: 20, share503: 0.03, seed: 7 });
    dir = await mkdtemp(join(tmpdir(), 'portolan-bulk-throttle-'));
    const sends: number[] = [];
    /** From the send after the gate was told (an index into sends, so a send in the same millisecond but before counts as before) until the window ends. */
    const windows: { fromSend: number; until: number }[] = [];
    const inner = createNodeTransport();
    const transport: HttpTransport = async (req) => {
      sends.push(realTimers.now());
      return inner(req);
    };
    const gate = new ThrottleGate({ timers: realTimers, initialLimit: 2, maxLimit: 16 });
    // A window opens when the job learns of it (the gate is told), not when the answer leaves the socket: a send
    // already past the gate in between could not have known. Both on the job's clock, which the gate reads.
    const note = gate.noteRetryAfter.bind(gate);
    gate.noteRetryAfter = (ms) => {
      const at = realTimers.now();
      windows.push({ fromSend: sends.length, until: at + ms });
      note(ms);
    };
    const graph = createBulkGraph({ transport, serviceRoot: server.url, apiVersion: 'v1.0', tokens: { getToken: async () => 't' }, timers: realTimers, gate });
    const job = await BulkJob.create(dir, { id: 'j', name: 'throttled', createdAt: 0, targets: planBulk(lines).targets }, { gate, graph, timers: realTimers });
    await job.start();
    await job.settled;
    await job.close();

    expect(windows.length).toBeGreaterThan(0);
    expect(server.served.some((s) => s.status === 429)).toBe(true);
    expect(sends.filter((t, i) => windows.some((w) => i >= w.fromSend && t < w.until))).toEqual([]);
    const status = job.status();
    expect(status).toMatchObject({ state: 'finished', done: HOSTS, failed: 0, remaining: 0 });
    const ok = new Map<string, number>();
    for (const s of server.served) if (s.status === 200) ok.set(s.url, (ok.get(s.url) ?? 0) + 1);
    expect([...ok.values()].every((n) => n === 1)).toBe(true);
    expect(ok.size).toBe(HOSTS);
  });
});
