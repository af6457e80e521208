// Every row of the Graph fault matrix through the real client: HTTP faults over the real Node transport
// against the local Graph stand-in, DNS failure through an injected transport (no test leaves loopback).
// Each row pins the kind, whether the licence hint appears, and that the request-id survives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPS_ID } from '../../../src-main/core/demo/fixtures';
import { networkFailure } from '../../../src-main/core/net/node-transport';
import type { ErrorKind, PortolanError } from '../../../src-shared/views';
import { startGraphServer, type Fault, type GraphServer } from '../../support/graph-server';
import { countingTokens, errorOf, realClient } from './helpers';
import { createGraphClient } from '../../../src-main/core/graph/client';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const clock = { now: () => NOW };
const LICENCE = /licen[cs]e/i;
const GATEWAY_HTML = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

function graphJson(status: number, code: string, rid: string): Fault {
  return { kind: 'status', status, json: { error: { code, message: `Injected ${code}.`, innerError: { 'request-id': rid, date: '2025-01-01T12:00:00' } } } };
}
function withHeaders(f: Fault, headers: Record<string, string>): Fault {
  return f.kind === 'status' ? { ...f, headers } : f;
}

interface Row {
  name: string;
  fault: Fault;
  kind: ErrorKind;
  licence: boolean;
  /** The request-id the answer carried (body or header), or null when there is none (transport faults). */
  requestId: string | null;
  more?: (e: PortolanError) => void;
}

const ROWS: Row[] = [
  { name: '401 InvalidAuthenticationToken (after one refresh)', fault: graphJson(401, 'InvalidAuthenticationToken', 'rid-401'), kind: 'unauthorized', licence: false, requestId: 'rid-401' },
  { name: '403 accessDenied', fault: graphJson(403, 'accessDenied', 'rid-403a'), kind: 'forbidden', licence: true, requestId: 'rid-403a' },
  { name: '403 Authorization_RequestDenied', fault: graphJson(403, 'Authorization_RequestDenied', 'rid-403b'), kind: 'forbidden', licence: true, requestId: 'rid-403b' },
  {
    name: '404 itemNotFound',
    fault: graphJson(404, 'itemNotFound', 'rid-404'),
    kind: 'notFound',
    licence: false,
    requestId: 'rid-404',
    more: (e) => expect(e.message).toMatch(/never observed/),
  },
  {
    name: '410 gone',
    fault: graphJson(410, 'gone', 'rid-410'),
    kind: 'notFound',
    licence: false,
    requestId: 'rid-410',
    more: (e) => {
      expect(e.status).toBe(410);
      expect(e.message).toMatch(/no longer exists/);
      expect(e.message).not.toMatch(/never observed/);
    },
  },
  {
    name: '429 with Retry-After seconds',
    fault: withHeaders(graphJson(429, 'TooManyRequests', 'rid-429s'), { 'retry-after': '7' }),
    kind: 'throttled',
    licence: false,
    requestId: 'rid-429s',
    more: (e) => expect(e.retryAfterSeconds).toBe(7),
  },
  {
    name: '429 with Retry-After as an HTTP date',
    fault: withHeaders(graphJson(429, 'TooManyRequests', 'rid-429d'), { 'retry-after': new Date(NOW + 90_000).toUTCString() }),
    kind: 'throttled',
    licence: false,
    requestId: 'rid-429d',
    more: (e) => expect(e.retryAfterSeconds).toBe(90),
  },
  { name: '500 JSON generalException', fault: graphJson(500, 'generalException', 'rid-500g'), kind: 'licence', licence: true, requestId: 'rid-500g' },
  { name: '500 JSON other code', fault: graphJson(500, 'internalServerError', 'rid-500o'), kind: 'server', licence: false, requestId: 'rid-500o' },
  { name: '500 HTML (Tomcat page)', fault: { kind: 'html', status: 500, headers: { 'request-id': 'rid-500h' } }, kind: 'licence', licence: true, requestId: 'rid-500h' },
  {
    name: '502 HTML (gateway page)',
    fault: { kind: 'html', status: 502, headers: { 'request-id': 'rid-502h' }, body: GATEWAY_HTML },
    kind: 'unavailable',
    licence: false,
    requestId: 'rid-502h',
    more: (e) => {
      expect(e.message).toMatch(/Microsoft Graph, or a gateway or proxy between Portolan and Graph, is unavailable/);
      expect(e.detail).toContain('502 Bad Gateway');
    },
  },
  {
    name: '503 with Retry-After',
    fault: withHeaders(graphJson(503, 'serviceNotAvailable', 'rid-503r'), { 'retry-after': '12' }),
    kind: 'throttled',
    licence: false,
    requestId: 'rid-503r',
    more: (e) => expect(e.retryAfterSeconds).toBe(12),
  },
  { name: '503 without Retry-After', fault: graphJson(503, 'serviceNotAvailable', 'rid-503'), kind: 'unavailable', licence: false, requestId: 'rid-503' },
  {
    name: '503 HTML without Retry-After',
    fault: { kind: 'html', status: 503, headers: { 'request-id': 'rid-503h' }, body: '<html><body>Service Unavailable</body></html>' },
    kind: 'unavailable',
    licence: false,
    requestId: 'rid-503h',
  },
  { name: '504 JSON', fault: graphJson(504, 'gatewayTimeout', 'rid-504'), kind: 'unavailable', licence: false, requestId: 'rid-504' },
  {
    name: '504 HTML',
    fault: { kind: 'html', status: 504, headers: { 'request-id': 'rid-504h' }, body: '<html><body><h1>504 Gateway Time-out</h1></body></html>' },
    kind: 'unavailable',
    licence: false,
    requestId: 'rid-504h',
  },
  { name: 'truncated JSON on 200', fault: { kind: 'malformed' }, kind: 'invalidResponse', licence: false, requestId: null },
  { name: 'connection reset', fault: { kind: 'reset' }, kind: 'network', licence: false, requestId: null, more: (e) => expect(e.code).toBe('ECONNRESET') },
];

let server: GraphServer;
beforeAll(async () => {
  server = await startGraphServer();
});
afterAll(async () => {
  await server.close();
});

function assertRow(e: PortolanError, row: Pick<Row, 'kind' | 'licence' | 'requestId' | 'more'>): void {
  expect(e.kind).toBe(row.kind);
  if (row.licence) {
    expect(e.message).toMatch(/Microsoft Defender XDR or Microsoft Sentinel licence/);
    expect(e.message).toMatch(/Defender Threat Intelligence licence plus the API add-on/);
  } else {
    expect(e.message).not.toMatch(LICENCE);
  }
  if (row.requestId) expect(e.requestId).toBe(row.requestId);
  else expect(e.requestId).toBeUndefined();
  row.more?.(e);
}

describe('Graph fault matrix', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    server.clearFaults();
    server.setFault('/hostPorts/', row.fault);
    // One attempt: what the analyst is told when the fault persists, without waiting out any back-off.
    const { client } = realClient(server.url, { maxAttempts: 1, clock });
    assertRow(await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true })), row);
  });

  it('timeout', async () => {
    server.clearFaults();
    server.setFault('/hostPorts/', { kind: 'delay', ms: 5000 });
    const { client } = realClient(server.url, { maxAttempts: 1, clock, timeoutMs: 200 });
    assertRow(await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true })), { kind: 'timeout', licence: false, requestId: null });
  });

  it('DNS failure (ENOTFOUND, simulated at the transport so nothing leaves loopback)', async () => {
    const client = createGraphClient({
      transport: async (req) => {
        throw networkFailure(new URL(req.url), Object.assign(new Error('getaddrinfo ENOTFOUND graph.unresolvable.invalid'), { code: 'ENOTFOUND' }));
      },
      serviceRoot: 'https://graph.unresolvable.invalid',
      apiVersion: 'v1.0',
      tokens: countingTokens(),
      maxAttempts: 1,
      clock,
    });
    const e = await errorOf(client.getHostPort(HTTPS_ID, { expandCertificate: true }));
    assertRow(e, { kind: 'network', licence: false, requestId: null, more: (x) => expect(x.code).toBe('ENOTFOUND') });
  });
});
