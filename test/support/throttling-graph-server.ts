// A Graph stand-in that throttles like Graph: a token bucket (rate per second, with a burst), every request
// (throttled ones too, as Graph counts them) takes a token, an empty bucket answers 429 with Retry-After in
// whole seconds, and a small share of answers are 503s without Retry-After. Answers come from the same
// responder as the demo. Loopback only; the bench and integration tests start and close it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerGraphRequest, graphError, type GraphDataset } from '../../src-main/core/demo/graph-responder';

export interface ThrottlingOptions {
  dataset: GraphDataset;
  /** Tokens per second (default 50). */
  rate?: number;
  /** Bucket size (default: one second of rate). */
  burst?: number;
  /** Share of answers that are a 503 without Retry-After (default 0.005), from a seeded generator. */
  share503?: number;
  seed?: number;
  now?: () => number;
}

export interface ServedRequest {
  at: number;
  url: string;
  status: number;
}

export interface ThrottlingServer {
  url: string;
  served: ServedRequest[];
  rate: number;
  burst: number;
  close(): Promise<void>;
}

export async function startThrottlingGraphServer(opts: ThrottlingOptions): Promise<ThrottlingServer> {
  const rate = opts.rate ?? 50;
  const burst = opts.burst ?? rate;
  const now = opts.now ?? (() => performance.now());
  const share503 = opts.share503 ?? 0.005;
  let seed = opts.seed ?? 12345;
  const random = (): number => {
    // mulberry32: the same 503s on every run.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let tokens = burst;
  let last = now();
  const served: ServedRequest[] = [];
  let root = '';

  const server = http.createServer((req, res) => {
    req.resume();
    const at = now();
    tokens = Math.min(burst, tokens + ((at - last) / 1000) * rate);
    last = at;
    const url = req.url ?? '/';
    let answer;
    if (tokens < 1) {
      tokens = Math.max(-burst, tokens - 1);
      const wait = Math.max(1, Math.ceil((1 - tokens) / rate));
      const e = graphError(429, 'TooManyRequests', 'Too many requests.');
      answer = { ...e, headers: { ...e.headers, 'retry-after': String(wait) } };
    } else {
      tokens -= 1;
      answer =
        random() < share503
          ? graphError(503, 'serviceNotAvailable', 'Service unavailable.')
          : answerGraphRequest(opts.dataset, { method: req.method ?? 'GET', url: `${root}${url}`, headers: {} }, { serviceRoot: root });
    }
    served.push({ at, url, status: answer.status });
    res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
    res.end(answer.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: root,
    served,
    rate,
    burst,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
