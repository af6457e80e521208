import { describe, expect, it } from 'vitest';
import { fail } from '../../../src-main/core/failure';
import { createGraphClient, type GraphClientOptions } from '../../../src-main/core/graph/client';
import type { HttpRequest, HttpResponse, TokenSource } from '../../../src-main/core/ports';
import { SEED_EXAMPLE_BODY } from '../../../src-main/core/demo/seed-example';
import { asyncErrorOf } from './failure-helpers';

const ROOT = 'https://graph.test';
type Reply = HttpResponse | (() => never);

function fake(replies: Reply[]) {
  const seen: HttpRequest[] = [];
  const transport = async (req: HttpRequest): Promise<HttpResponse> => {
    seen.push(req);
    const next = replies.shift();
    if (!next) throw new Error(`unexpected request ${req.url}`);
    if (typeof next === 'function') next();
    return next as HttpResponse;
  };
  return { transport, seen };
}

function tokens(): TokenSource & { calls: { forceRefresh: boolean }[] } {
  const calls: { forceRefresh: boolean }[] = [];
  return {
    calls,
    async getToken(o) {
      calls.push({ forceRefresh: o.forceRefresh });
      return o.forceRefresh ? 'fresh-token' : 'stale-token';
    },
  };
}

const ok = (body = SEED_EXAMPLE_BODY): HttpResponse => ({ status: 200, headers: {}, body });
const status = (s: number, headers: Record<string, string> = {}): HttpResponse => ({
  status: s,
  headers,
  body: JSON.stringify({ error: { code: `c${s}`, innerError: { 'request-id': `r${s}` } } }),
});

function client(replies: Reply[], extra: Partial<GraphClientOptions> = {}) {
  const f = fake(replies);
  const t = tokens();
  const sleeps: number[] = [];
  const c = createGraphClient({
    transport: f.transport,
    serviceRoot: ROOT,
    apiVersion: 'v1.0',
    tokens: t,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    clock: { now: () => Date.UTC(2025, 0, 1) },
    ...extra,
  });
  return { c, seen: f.seen, t, sleeps };
}

const q = { expandCertificate: true };

describe('graph client retry rules (fakes)', () => {
  it('sends the token in the Authorization header only', async () => {
    const { c, seen } = client([ok()]);
    const r = await c.getHostPort('ODUuMTMuMTM5LjE4JCQyMQ==', q);
    expect(seen[0]?.headers?.authorization).toBe('Bearer stale-token');
    expect(seen[0]?.url).toBe(`${ROOT}/v1.0/security/threatIntelligence/hostPorts/ODUuMTMuMTM5LjE4JCQyMQ%3D%3D?$expand=mostRecentSslCertificate`);
    expect(seen[0]?.timeoutMs).toBe(30_000);
    expect(r.raw).toBe(SEED_EXAMPLE_BODY);
    expect(r.fetchedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(r.request).toEqual({ url: seen[0]?.url, select: [], expand: ['mostRecentSslCertificate'], resolvedFrom: null });
  });

  it('on 429 waits Retry-After, then backs off with jitter when there is none', async () => {
    const { c, sleeps } = client([status(429, { 'retry-after': '2' }), status(503), status(504), ok()]);
    await c.getHostPort('x', q);
    // 2 s from the server; then full jitter at 0.5 of 500·2^1 and 500·2^2.
    expect(sleeps).toEqual([2000, 500, 1000]);
  });

  it('gives up after maxAttempts with a throttled error carrying Retry-After', async () => {
    const { c, sleeps, seen } = client([status(429, { 'retry-after': '1' }), status(429, { 'retry-after': '1' }), status(429, { 'retry-after': '4' })], {
      maxAttempts: 3,
    });
    const e = await asyncErrorOf(c.getHostPort('x', q));
    expect(e).toMatchObject({ kind: 'throttled', retryAfterSeconds: 4, requestId: 'r429' });
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('does not wait out a Retry-After longer than maxRetryDelayMs', async () => {
    const { c, sleeps, seen } = client([status(429, { 'retry-after': '3600' })], { maxRetryDelayMs: 10_000 });
    const e = await asyncErrorOf(c.getHostPort('x', q));
    expect(e).toMatchObject({ kind: 'throttled', retryAfterSeconds: 3600 });
    expect(sleeps).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('on 401 refreshes the token once and retries once', async () => {
    const { c, seen, t } = client([status(401), ok()]);
    await c.getHostPort('x', q);
    expect(t.calls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    expect(seen.map((r) => r.headers?.authorization)).toEqual(['Bearer stale-token', 'Bearer fresh-token']);
  });

  it('a second 401 is final: unauthorized, sign in again', async () => {
    const { c, seen, t } = client([status(401), status(401)]);
    const e = await asyncErrorOf(c.getHostPort('x', q));
    expect(e.kind).toBe('unauthorized');
    expect(e.message).toMatch(/Sign in again/);
    expect(e.requestId).toBe('r401');
    expect(seen).toHaveLength(2);
    expect(t.calls.filter((x) => x.forceRefresh)).toHaveLength(1);
  });

  it('retries a reset connection with backoff, but not a refused one', async () => {
    const reset = (): never => {
      throw fail('network', 'reset', { code: 'ECONNRESET' });
    };
    const refused = (): never => {
      throw fail('network', 'refused', { code: 'ECONNREFUSED' });
    };
    const a = client([reset, reset, ok()]);
    await a.c.getHostPort('x', q);
    expect(a.sleeps).toEqual([250, 500]);
    const b = client([refused]);
    expect((await asyncErrorOf(b.c.getHostPort('x', q))).kind).toBe('network');
    expect(b.seen).toHaveLength(1);
    expect(b.sleeps).toEqual([]);
  });

  it('does not retry a timeout', async () => {
    const timeout = (): never => {
      throw fail('timeout', 'slow', { code: 'TIMEOUT' });
    };
    const { c, seen } = client([timeout, ok()]);
    expect((await asyncErrorOf(c.getHostPort('x', q))).kind).toBe('timeout');
    expect(seen).toHaveLength(1);
  });

  it('refuses before any request when the signal is already aborted', async () => {
    const { c, seen } = client([ok()]);
    const ac = new AbortController();
    ac.abort();
    expect((await asyncErrorOf(c.getHostPort('x', q, ac.signal))).kind).toBe('cancelled');
    expect(seen).toHaveLength(0);
  });
});

describe('graph client lookups (fakes)', () => {
  const list = (items: unknown[], next?: string): HttpResponse => ({
    status: 200,
    headers: {},
    body: JSON.stringify({ value: items, ...(next ? { '@odata.nextLink': next } : {}) }),
  });

  it('validates input before any request', async () => {
    const { c, seen } = client([]);
    expect((await asyncErrorOf(c.lookup({ host: 'a b', port: 21, expandCertificate: true }))).message).toMatch(/spaces/);
    expect((await asyncErrorOf(c.lookup({ host: '1.2.3.4', port: '21abc', expandCertificate: true }))).message).toMatch(/not a number/);
    expect((await asyncErrorOf(c.lookup({ host: '1.2.3.4', expandCertificate: true }))).message).toMatch(/Enter a port/);
    expect((await asyncErrorOf(c.lookup({ expandCertificate: true }))).message).toMatch(/host and a port, or a host port ID/);
    expect((await asyncErrorOf(c.lookup({ hostPortId: '1', select: ['host/id'], expandCertificate: true }))).kind).toBe('invalidInput');
    expect(seen).toHaveLength(0);
  });

  it('a pasted id is used as is and wins over host and port', async () => {
    const { c, seen } = client([ok()]);
    const r = await c.lookup({ hostPortId: ' a+b/c= ', host: '1.2.3.4', port: 1, expandCertificate: false });
    expect(seen[0]?.url).toBe(`${ROOT}/v1.0/security/threatIntelligence/hostPorts/a%2Bb%2Fc%3D`);
    expect(r.request.resolvedFrom).toBeNull();
  });

  it('matches the port in the list, preferring tcp, without decoding ids', async () => {
    const { c, seen } = client([
      list([{ id: 'udp53', port: 53, protocol: 'udp' }, { id: 'p80', port: 80 }], `${ROOT}/v1.0/next?$skiptoken=1`),
      list([{ id: 'tcp53', port: '53', protocol: 'tcp' }]),
    ]);
    const r = await c.resolveHostPortId('[2001:DB8::1]', '53');
    expect(r).toMatchObject({ id: 'tcp53', via: 'portList', host: '2001:db8::1', port: 53 });
    expect(r.list.map((e) => `${e.id}:${e.port}/${e.protocol}`)).toEqual(['udp53:53/udp', 'p80:80/null', 'tcp53:53/tcp']);
    expect(seen[0]?.url).toBe(`${ROOT}/v1.0/security/threatIntelligence/hosts/2001%3Adb8%3A%3A1/ports?$select=id,port,protocol,status,lastSeenDateTime`);
    expect(seen[1]?.url).toBe(`${ROOT}/v1.0/next?$skiptoken=1`);
  });

  it('falls back to the composed id when the port is not listed', async () => {
    const { c } = client([list([{ id: 'p80', port: 80 }])]);
    expect(await c.resolveHostPortId('85.13.139.18', 21)).toMatchObject({ id: 'ODUuMTMuMTM5LjE4JCQyMQ==', via: 'composed', host: '85.13.139.18', port: 21 });
  });

  it('stops at the page bound and on a repeated nextLink', async () => {
    const loop = `${ROOT}/v1.0/loop`;
    const a = client([list([], loop), list([], loop)]);
    expect((await a.c.resolveHostPortId('h.example', 1)).via).toBe('composed');
    expect(a.seen).toHaveLength(2);
    const pages = Array.from({ length: 5 }, (_, i) => list([], `${ROOT}/v1.0/p${i}`));
    const b = client(pages, { maxPages: 3 });
    expect((await asyncErrorOf(b.c.resolveHostPortId('h.example', 1))).message).toMatch(/ran past 3 pages/);
  });

  it('refuses a nextLink to another origin', async () => {
    const { c, seen } = client([list([], 'https://evil.example/v1.0/steal')]);
    const e = await asyncErrorOf(c.resolveHostPortId('h.example', 1));
    expect(e.kind).toBe('invalidResponse');
    expect(e.message).toMatch(/refused to follow a next-page link to https:\/\/evil\.example/);
    expect(seen).toHaveLength(1);
  });
});
