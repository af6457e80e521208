// npm run bench:bulk -- --targets N [--json] [--batch [SIZE]] [--rate R] [--burst B] [--share503 P] [--baseline-concurrency C]
//
// --batch: the scheduler sends its requests in JSON batches (`POST /$batch`, SIZE requests each, default 20);
// the stand-in counts every request inside a batch against its bucket, as Graph does.
//
// Runs a bulk job with the real scheduler (gate, runner, journal) against a local Graph stand-in that throttles
// like Graph (token bucket; 429 + Retry-After when empty, throttled requests still cost a token; a few 503s),
// then the same targets with a naive baseline (fixed concurrency, retries at once, ignores Retry-After).
// Figures: rate_ratio = answers the bucket granted / what it could grant in that time (burst + rate·seconds);
// in_retry_after = requests the client sent after receiving a Retry-After and before it ran out; lost = targets
// without their answer; duplicates = targets whose answer the stand-in served more than once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ThrottleGate } from '../src-main/core/bulk/gate';
import type { GraphDataset } from '../src-main/core/demo/graph-responder';
import { createBulkGraph, type BulkGraph } from '../src-main/core/bulk/graph-calls';
import { BulkJob } from '../src-main/core/bulk/job';
import { realTimers } from '../src-main/core/bulk/timers';
import { parseRetryAfterMs } from '../src-main/core/graph/retry';
import { createNodeTransport } from '../src-main/core/net/node-transport';
import type { HttpTransport } from '../src-main/core/ports';
import { planBulk, type BulkTarget } from '../src-shared/bulk-targets';
import { startThrottlingGraphServer, type ThrottlingServer } from '../test/support/throttling-graph-server';
import { runBaseline } from './naive-bulk';

interface Figures {
  targets: number;
  seconds: number;
  rate_ratio: number;
  in_retry_after: number;
  lost: number;
  duplicates: number;
  requests: number;
  /** HTTP requests the client sent (a batch is one). */
  http: number;
}

const share503 = Number(arg('share503') ?? 0.005);
const batchSize = process.argv.includes('--batch') ? Number(/^\d+$/.test(arg('batch') ?? '') ? arg('batch') : 20) : 1;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** N targets: two ports per host (one listing answers both), and every 20th a pasted host port ID. */
function workload(n: number): { lines: string[]; hostPorts: Record<string, unknown>; ports: Record<string, Record<string, unknown>[]> } {
  const lines: string[] = [];
  const hostPorts: Record<string, unknown> = {};
  // Each host's list given outright, so the stand-in answers in O(1) instead of scanning every entry per request.
  const ports: Record<string, Record<string, unknown>[]> = {};
  const entity = (id: string, host: string, port: number) => ({ id, port, protocol: 'tcp', status: 'open', host: { id: host }, banners: [{ banner: 'SSH-2.0-OpenSSH_8.9', scanProtocol: 'ssh' }], services: [] });
  for (let i = 0; i < n; i++) {
    if (i % 20 === 19) {
      const host = `172.16.${(i >> 8) & 255}.${i & 255}`;
      hostPorts[`bench-${i}`] = entity(`bench-${i}`, host, 8443);
      lines.push(`id: bench-${i}`);
      continue;
    }
    const h = i >> 1;
    const host = `10.${(h >> 16) & 255}.${(h >> 8) & 255}.${h & 255}`;
    const port = i % 2 === 0 ? 22 : 443;
    hostPorts[`${host}$${port}`] = entity(`${host}$${port}`, host, port);
    (ports[host] ??= []).push(entity(`${host}$${port}`, host, port));
    lines.push(`${host}:${port}`);
  }
  return { lines, hostPorts, ports };
}

/** Wraps the transport: when each request left, and every Retry-After window the client was told about. */
function measured(inner: HttpTransport): { transport: HttpTransport; sends: number[]; windows: [number, number][] } {
  const sends: number[] = [];
  const windows: [number, number][] = [];
  const transport: HttpTransport = async (req) => {
    sends.push(performance.now());
    const res = await inner(req);
    const told = (status: number, headers: Record<string, string>): void => {
      const ra = parseRetryAfterMs(headers['retry-after'], Date.now());
      if (ra !== null && (status === 429 || status === 503 || status === 504)) {
        const t = performance.now();
        windows.push([t, t + ra]);
      }
    };
    told(res.status, res.headers);
    // Inside a batch answer each request has its own status and Retry-After.
    if (req.url.endsWith('/$batch') && res.status === 200) {
      for (const sub of (JSON.parse(res.body) as { responses: { status: number; headers?: Record<string, string> }[] }).responses) told(sub.status, sub.headers ?? {});
    }
    return res;
  };
  return { transport, sends, windows };
}

function figures(targets: BulkTarget[], server: ThrottlingServer, m: ReturnType<typeof measured>, found: Set<string>, seconds: number): Figures {
  const granted = server.served.filter((s) => s.status !== 429).length;
  const allowed = server.burst + server.rate * seconds;
  const inWindow = m.sends.filter((t) => m.windows.some(([a, b]) => t >= a && t < b)).length;
  const servedOk = new Map<string, number>();
  for (const s of server.served) {
    if (s.status !== 200) continue;
    const key = /\/hosts\/([^/?]+)\/ports/.exec(s.url)?.[1] ?? /\/hostPorts\/([^/?]+)/.exec(s.url)?.[1] ?? s.url;
    servedOk.set(decodeURIComponent(key), (servedOk.get(decodeURIComponent(key)) ?? 0) + 1);
  }
  const duplicates = targets.filter((t) => (servedOk.get(t.kind === 'id' ? t.hostPortId : t.host) ?? 0) > 1).length;
  return {
    targets: targets.length,
    seconds: Math.round(seconds * 100) / 100,
    rate_ratio: Math.round(Math.min(1, granted / allowed) * 1000) / 1000,
    in_retry_after: inWindow,
    lost: targets.filter((t) => !found.has(t.key)).length,
    duplicates,
    requests: server.served.length,
    http: m.sends.length,
  };
}

function graphFor(server: ThrottlingServer, transport: HttpTransport, gate?: ThrottleGate): BulkGraph {
  return createBulkGraph({ transport, serviceRoot: server.url, apiVersion: 'v1.0', tokens: { getToken: async () => 'bench' }, timers: realTimers, ...(gate ? { gate } : {}) });
}

async function runScheduler(targets: BulkTarget[], dataset: GraphDataset, rate: number, burst: number): Promise<Figures> {
  const server = await startThrottlingGraphServer({ dataset, rate, burst, share503 });
  const dir = await mkdtemp(join(tmpdir(), 'portolan-bench-bulk-'));
  try {
    const m = measured(createNodeTransport());
    const gate = new ThrottleGate({ timers: realTimers, initialLimit: 2, maxLimit: 16 });
    const found = new Set<string>();
    const started = performance.now();
    const deps = { gate, graph: graphFor(server, m.transport, gate), timers: realTimers, ...(batchSize > 1 ? { batchSize } : {}) };
    const job = await BulkJob.create(dir, { id: 'bench', name: 'bench', createdAt: Date.now(), targets }, deps);
    await job.start();
    await job.settled;
    const seconds = (performance.now() - started) / 1000;
    for (const row of job.rows()) if (row.outcome === 'found') found.add(row.key);
    await job.close();
    if (process.env.BULK_BENCH_TRACE) {
      const t0 = server.served[0]?.at ?? 0;
      process.stderr.write(server.served.map((x) => `${Math.round(x.at - t0)} ${x.status}`).join('\n') + '\n');
    }
    return figures(targets, server, m, found, seconds);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function runNaive(targets: BulkTarget[], dataset: GraphDataset, rate: number, burst: number, concurrency: number): Promise<Figures> {
  const server = await startThrottlingGraphServer({ dataset, rate, burst, share503 });
  try {
    const m = measured(createNodeTransport());
    const started = performance.now();
    const found = await runBaseline(targets, graphFor(server, m.transport), concurrency);
    return figures(targets, server, m, found, (performance.now() - started) / 1000);
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const n = Math.max(1, Math.min(10_000, Number(arg('targets') ?? 1000)));
  const rate = Number(arg('rate') ?? 50);
  const burst = Number(arg('burst') ?? rate);
  const concurrency = Number(arg('baseline-concurrency') ?? 8);
  const json = process.argv.includes('--json');
  const { lines, hostPorts, ports } = workload(n);
  const targets = planBulk(lines).targets;
  const dataset: GraphDataset = { hostPorts, ports };
  const scheduler = await runScheduler(targets, dataset, rate, burst);
  const baseline = await runNaive(targets, dataset, rate, burst, concurrency);
  if (!json) {
    process.stdout.write(`stand-in: ${rate} req/s, burst ${burst}; ${targets.length} targets; scheduler batch size ${batchSize}\n`);
    for (const [name, f] of [['scheduler', scheduler], ['baseline ', baseline]] as const) {
      process.stdout.write(
        `${name}  ${f.seconds}s  rate_ratio ${f.rate_ratio}  in_retry_after ${f.in_retry_after}  lost ${f.lost}  duplicates ${f.duplicates}  requests ${f.requests}  http ${f.http}\n`,
      );
    }
  }
  process.stdout.write(`${JSON.stringify({ ...scheduler, batch: batchSize, baseline })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:bulk: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
