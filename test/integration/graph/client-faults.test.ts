// The real Graph client over the real Node transport against the local Graph-shaped server.
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_BODY } from '../../../src-main/core/demo/seed-example';
import { HOSTILE_ID, HTTPS_ID } from '../../../src-main/core/demo/fixtures';
import { SCENARIO_HOSTS, startGraphServer, errorJson, type GraphServer } from '../../support/graph-server';
import { countingTokens, errorOf, realClient } from './helpers';
import { abortableSleep } from '../../../src-main/core/net/sleep';

let server: GraphServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const hp = '/security/threatIntelligence/hostPorts/';
const seed = { host: '85.13.139.18', port: 21, expandCertificate: true };

describe('lookups over HTTP', () => {
  it("resolves 85.13.139.18:21 through the port list and returns the seed's body byte for byte", async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const r = await client.lookup(seed);
    expect(r.raw).toBe(SEED_EXAMPLE_BODY);
    expect(r.hostPort.firstSeen).toEqual({ raw: '2016-17-13T08:43:41.00Z', ms: null });
    expect(r.hostPort.warnings[0]).toContain('2016-17-13T08:43:41.00Z');
    expect(r.request.resolvedFrom).toEqual({ host: '85.13.139.18', port: 21 });
    expect(server.requests.map((q) => q.url)).toEqual([
      '/v1.0/security/threatIntelligence/hosts/85.13.139.18/ports?$select=id,port,protocol,status,lastSeenDateTime',
      '/v1.0/security/threatIntelligence/hostPorts/ODUuMTMuMTM5LjE4JCQyMQ%3D%3D?$expand=mostRecentSslCertificate',
    ]);
    for (const q of server.requests) {
      expect(q.headers.authorization).toBe('Bearer token-1');
      expect(q.url).not.toContain('token-1');
    }
  });

  it('uses an id with +, / and = as one path segment', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const r = await client.lookup({ hostPortId: HOSTILE_ID, expandCertificate: false });
    expect(r.hostPort.id).toBe(HOSTILE_ID);
    expect(r.hostPort.banners[0]?.banner).toContain('<script>alert(1)</script>');
  });

  it('narrows with $select and keeps the expanded certificate', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const r = await client.getHostPort(HTTPS_ID, { select: ['port'], expandCertificate: true });
    expect(server.requests[0]?.url).toContain('?$select=id,port,mostRecentSslCertificate&$expand=mostRecentSslCertificate');
    expect(r.hostPort.port).toBe(443);
    expect(r.hostPort.banners).toEqual([]);
    expect(r.hostPort.certificate?.referenceOnly).toBe(false);
    expect(r.hostPort.certificate?.subject?.commonName).toBe('portal.contoso.example');
    const ref = await client.getHostPort(HTTPS_ID, { expandCertificate: false });
    expect(ref.hostPort.certificate?.referenceOnly).toBe(true);
  });

  it('parses the same entity bare and value-wrapped', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    server.setFault(hp, { kind: 'wrap', mode: 'bare' }, 1);
    const bare = await client.lookup(seed);
    expect(bare.raw.trimStart().startsWith('{"@odata.type"')).toBe(true);
    server.setFault(hp, { kind: 'wrap', mode: 'value' }, 1);
    const wrapped = await client.getHostPort(HTTPS_ID, { expandCertificate: true });
    expect(wrapped.raw.startsWith('{"value":')).toBe(true);
    expect(bare.hostPort.firstSeen.raw).toBe('2016-17-13T08:43:41.00Z');
    expect(wrapped.hostPort.port).toBe(443);
  });

  it('follows @odata.nextLink across four pages to find the port', async () => {
    const host = '192.0.2.10';
    const ports: Record<string, unknown>[] = [80, 443, 22, 25, 110, 143, 8443].map((port, i) => ({
      id: `opaque-${i}-${port}`,
      port,
      protocol: 'tcp',
      host: { id: host },
    }));
    server = await startGraphServer({ hostPorts: {}, ports: { [host]: ports }, pageSize: 2, scenarios: false });
    const { client } = realClient(server.url);
    const r = await client.lookup({ host, port: 8443, expandCertificate: false });
    expect(r.hostPort.id).toBe('opaque-6-8443');
    const lists = server.requests.filter((q) => q.url.includes('/ports'));
    expect(lists).toHaveLength(4);
    expect(lists.slice(1).every((q) => q.url.includes('$skiptoken='))).toBe(true);
    expect(new Set(lists.map((q) => q.url)).size).toBe(4);
  });

  it('refuses a nextLink that leaves the service origin', async () => {
    server = await startGraphServer({ pageSize: 1, scenarios: false });
    server.setFault('/ports', { kind: 'foreignNextLink', origin: 'http://127.0.0.2:9' });
    const { client } = realClient(server.url);
    const e = await errorOf(client.lookup({ host: '85.13.139.18', port: 80, expandCertificate: false }));
    expect(e.kind).toBe('invalidResponse');
    expect(e.message).toContain('http://127.0.0.2:9');
    expect(server.requests).toHaveLength(1);
  });

  it('404 on list and composed id → never observed', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const e = await errorOf(client.lookup({ host: '192.0.2.200', port: 4444, expandCertificate: true }));
    expect(e).toMatchObject({ kind: 'notFound', status: 404, code: 'itemNotFound' });
    expect(e.message).toBe('Defender Threat Intelligence has never observed port 4444 on 192.0.2.200.');
    expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests[1]?.url).toContain(encodeURIComponent(Buffer.from('192.0.2.200$$4444').toString('base64')));
  });
});

describe('authorization', () => {
  it('401: refreshes the token once and retries once', async () => {
    server = await startGraphServer({ requireToken: 'token-2' });
    const { client, tokens } = realClient(server.url);
    const r = await client.getHostPort(HTTPS_ID, { expandCertificate: true });
    expect(r.hostPort.port).toBe(443);
    expect(tokens.calls).toEqual([false, true]);
    expect(server.requests.map((q) => q.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('401 twice: unauthorized, asking to sign in again', async () => {
    server = await startGraphServer({ requireToken: 'never' });
    const tokens = countingTokens('bad-1', 'bad-2');
    const { client } = realClient(server.url, { tokens });
    const e = await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true }));
    expect(e).toMatchObject({ kind: 'unauthorized', status: 401, code: 'InvalidAuthenticationToken' });
    expect(e.message).toMatch(/sign in again/i);
    expect(JSON.stringify(e)).not.toMatch(/bad-[12]/);
    expect(tokens.calls).toEqual([false, true]);
    expect(server.requests).toHaveLength(2);
  });

  it('acceptToken: only tokens the check accepts get through (the e2e stand-in for "issued by Entra")', async () => {
    const issued = new Set(['token-2']);
    server = await startGraphServer({ acceptToken: (t) => issued.has(t) });
    const { client, tokens } = realClient(server.url);
    const r = await client.getHostPort(HTTPS_ID, { expandCertificate: true });
    expect(r.hostPort.port).toBe(443);
    expect(tokens.calls).toEqual([false, true]);
    expect(server.requests.map((q) => q.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('403 → forbidden with the request-id from the body', async () => {
    server = await startGraphServer();
    const body = errorJson('accessDenied', 'Insufficient privileges.') as { error: { innerError: Record<string, string> } };
    server.setFault(hp, { kind: 'status', status: 403, json: body });
    const { client } = realClient(server.url);
    const e = await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true }));
    expect(e).toMatchObject({ kind: 'forbidden', status: 403, code: 'accessDenied', requestId: body.error.innerError['request-id'] });
    expect(server.requests).toHaveLength(1);
  });
});

describe('licence-style failures', () => {
  it('500 with a Tomcat HTML page → licence', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const e = await errorOf(client.lookup({ host: SCENARIO_HOSTS.licenceHtml, port: 443, expandCertificate: true }));
    expect(e).toMatchObject({ kind: 'licence', status: 500 });
    expect(e.message).toMatch(/not licensed for the threat intelligence API/);
    expect(e.detail).toContain('Apache Tomcat');
    expect(server.requests).toHaveLength(1);
  });

  it('500 generalException → licence', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const e = await errorOf(client.lookup({ host: SCENARIO_HOSTS.licenceGeneralException, port: 443, expandCertificate: true }));
    expect(e).toMatchObject({ kind: 'licence', status: 500, code: 'generalException' });
    expect(e.requestId).toBeTruthy();
  });

  it('502 → unavailable', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    expect((await errorOf(client.lookup({ host: SCENARIO_HOSTS.serverError, port: 1, expandCertificate: true }))).kind).toBe('unavailable');
  });
});

describe('throttling', () => {
  it('429 with Retry-After seconds: waits that long, then succeeds', async () => {
    server = await startGraphServer();
    server.setFault(hp, { kind: 'throttle', retryAfter: 1 }, 1);
    const { client, sleeps } = realClient(server.url);
    const r = await client.getHostPort(HTTPS_ID, { expandCertificate: true });
    expect(sleeps).toEqual([1000]);
    expect(r.hostPort.port).toBe(443);
    expect(server.requests).toHaveLength(2);
  });

  it('429 with Retry-After as an HTTP date: waits until that date', async () => {
    server = await startGraphServer();
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 5000).toUTCString();
    server.setFault(hp, { kind: 'throttle', retryAfter: at }, 1);
    const { client, sleeps } = realClient(server.url);
    await client.getHostPort(HTTPS_ID, { expandCertificate: true });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(3500);
    expect(sleeps[0]).toBeLessThanOrEqual(6000);
  });

  it('503 without Retry-After backs off with jitter; persistent 429 ends throttled', async () => {
    server = await startGraphServer();
    server.setFault(hp, { kind: 'throttle', status: 503 }, 2);
    const { client, sleeps } = realClient(server.url, { random: () => 1, maxAttempts: 3 });
    await client.getHostPort(HTTPS_ID, { expandCertificate: true });
    expect(sleeps).toEqual([500, 1000]);

    server.setFault(hp, { kind: 'throttle', retryAfter: 2 });
    const e = await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true }));
    expect(e).toMatchObject({ kind: 'throttled', status: 429, retryAfterSeconds: 2 });
    expect(sleeps.slice(2)).toEqual([2000, 2000]);
  });

  it('the scenario host stays throttled with a long Retry-After and is reported, not waited out', async () => {
    server = await startGraphServer();
    const { client, sleeps } = realClient(server.url, { maxRetryDelayMs: 10_000 });
    const e = await errorOf(client.lookup({ host: SCENARIO_HOSTS.throttled, port: 80, expandCertificate: true }));
    expect(e).toMatchObject({ kind: 'throttled', retryAfterSeconds: 120 });
    expect(sleeps).toEqual([]);
  });
});

describe('transport failures', () => {
  it('a response slower than the timeout → timeout', async () => {
    server = await startGraphServer();
    server.setFault(hp, { kind: 'delay', ms: 3000 });
    const { client } = realClient(server.url, { timeoutMs: 300 });
    // 'timeout' (not a late success) shows the deadline acted before the 3 s answer.
    const e = await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true }));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/did not answer within 0\.3 s/);
    expect(server.requests).toHaveLength(1);
  });

  it('a connection reset → retried, then network', async () => {
    server = await startGraphServer();
    server.setFault(hp, { kind: 'reset' });
    const { client, sleeps } = realClient(server.url, { maxAttempts: 3, random: () => 0 });
    const e = await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true }));
    expect(e).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
    expect(e.message).toMatch(/was reset/);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 250]);
  });

  it('a single reset is recovered by the retry', async () => {
    server = await startGraphServer();
    server.setFault(hp, { kind: 'reset' }, 1);
    const { client } = realClient(server.url);
    expect((await client.getHostPort(HTTPS_ID, { expandCertificate: true })).hostPort.port).toBe(443);
  });

  it('malformed JSON on 200 → invalidResponse', async () => {
    server = await startGraphServer();
    server.setFault(hp, { kind: 'malformed' });
    const { client } = realClient(server.url);
    const e = await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true }));
    expect(e.kind).toBe('invalidResponse');
    expect(e.detail).toContain('"banners": [');
  });

  it('cancellation via AbortSignal during a slow response', async () => {
    server = await startGraphServer();
    server.setFault(hp, { kind: 'delay', ms: 5000 });
    const { client } = realClient(server.url);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const e = await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true }, ac.signal));
    expect(e.kind).toBe('cancelled');
  });

  it('cancellation while waiting out Retry-After (real sleep)', async () => {
    server = await startGraphServer();
    server.setFault(hp, { kind: 'throttle', retryAfter: 20 });
    const ac = new AbortController();
    // The real sleep, cancelled once it is under way (not on a timer: a loaded machine may not have sent the
    // request by then).
    const { client } = realClient(server.url, {
      sleep: (ms, signal) => {
        const waiting = abortableSleep(ms, signal);
        setImmediate(() => ac.abort());
        return waiting;
      },
    });
    const e = await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true }, ac.signal));
    // Cancelled with one request sent: the 20 s wait was cut short, never waited out and retried.
    expect(e.kind).toBe('cancelled');
    expect(server.requests).toHaveLength(1);
  });
});
