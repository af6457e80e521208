// A Graph stand-in that throttles like Graph: a token bucket (rate per second, with a burst), every request
// (throttled ones too, as Graph counts them) takes a token, an empty bucket answers 429 with Retry-After in
// whole seconds, and a small share of answers are 503s without Retry-After. Answers come from the same
// responder as the demo. `POST /{version}/$batch` (JSON batching, up to 20 requests) is counted as Graph counts
// it: every request inside takes its own token and gets its own status (a 429 with its own Retry-After); a batch
// arriving at an empty bucket is refused whole with 429. Loopback only; the bench and integration tests start and close it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerGraphRequest, graphError, type GraphAnswer, type GraphDataset } from '../../src-main/core/demo/graph-responder';

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

  /** One request against the bucket: a token taken, and the answer (429 with Retry-After when there was none). */
  const one = (at: number, method: string, url: string): GraphAnswer => {
    let answer: GraphAnswer;
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
          : answerGraphRequest(opts.dataset, { method, url: `${root}${url}`, headers: {} }, { serviceRoot: root });
    }
    served.push({ at, url, status: answer.status });
    return answer;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = now();
      tokens = Math.min(burst, tokens + ((at - last) / 1000) * rate);
      last = at;
      const url = req.url ?? '/';
      const batch = /^\/(v1\.0|beta)\/\$batch$/.exec(url);
      const answer = batch && req.method === 'POST' ? batchAnswer(at, `/${batch[1]}`, Buffer.concat(chunks).toString('utf8')) : one(at, req.method ?? 'GET', url);
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
    });
  });

  function batchAnswer(at: number, version: string, body: string): GraphAnswer {
    let requests: { id?: unknown; method?: unknown; url?: unknown }[];
    try {
      const parsed = JSON.parse(body) as { requests?: unknown };
      requests = Array.isArray(parsed.requests) ? parsed.requests : [];
    } catch {
      requests = [];
    }
    if (requests.length === 0 || requests.length > 20) return graphError(400, 'BadRequest', 'A batch holds 1 to 20 requests.');
    // An empty bucket refuses the batch as a whole (it still costs a token, as any refused request does).
    if (tokens < 1) return one(at, 'POST', `${version}/$batch`);
    const responses = requests.map((r) => {
      const a = one(at, typeof r.method === 'string' ? r.method : 'GET', `${version}${typeof r.url === 'string' ? r.url : ''}`);
      return { id: String(r.id), status: a.status, headers: a.headers, body: JSON.parse(a.body) as unknown };
    });
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ responses }) };
  }
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
