import { describe, expect, it } from 'vitest';
import { mapGraphError, readGraphError } from '../../../src-main/core/graph/errors';
import type { HttpResponse } from '../../../src-main/core/ports';

const ctx = { subject: 'port 21 on 85.13.139.18', nowMs: Date.UTC(2025, 0, 1, 12, 0, 0) };

function graphBody(code: string, message = 'Some message', inner: Record<string, string> = { date: '2025-01-01T12:00:00', 'request-id': 'req-123', 'client-request-id': 'cli-456' }): string {
  return JSON.stringify({ error: { code, message, innerError: inner } });
}

function res(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, body, headers };
}

describe('mapGraphError', () => {
  it('401 → unauthorized', () => {
    const e = mapGraphError(res(401, graphBody('InvalidAuthenticationToken')), ctx);
    expect(e).toMatchObject({ kind: 'unauthorized', status: 401, code: 'InvalidAuthenticationToken', requestId: 'req-123', date: '2025-01-01T12:00:00' });
    expect(e.message).toMatch(/Sign in again/);
  });

  it.each(['accessDenied', 'Authorization_RequestDenied'])('403 %s → forbidden naming consent and licence', (code) => {
    const e = mapGraphError(res(403, graphBody(code)), ctx);
    expect(e.kind).toBe('forbidden');
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/admin consent for ThreatIntelligence\.Read\.All/);
    expect(e.message).toMatch(/Defender Threat Intelligence licence/);
  });

  it('404 → notFound with "never observed"', () => {
    const e = mapGraphError(res(404, graphBody('itemNotFound')), ctx);
    expect(e).toMatchObject({ kind: 'notFound', status: 404, requestId: 'req-123' });
    expect(e.message).toBe('Defender Threat Intelligence has never observed port 21 on 85.13.139.18.');
  });

  it('429 with Retry-After seconds → throttled with retryAfterSeconds', () => {
    const e = mapGraphError(res(429, graphBody('TooManyRequests'), { 'retry-after': '17' }), ctx);
    expect(e).toMatchObject({ kind: 'throttled', retryAfterSeconds: 17 });
    expect(e.message).toMatch(/Try again in 17 s/);
  });

  it('429 with Retry-After as an HTTP date → seconds from now', () => {
    const e = mapGraphError(res(429, graphBody('TooManyRequests'), { 'retry-after': 'Wed, 01 Jan 2025 12:01:30 GMT' }), ctx);
    expect(e.retryAfterSeconds).toBe(90);
  });

  it('503 with Retry-After → throttled; 503 without → unavailable', () => {
    expect(mapGraphError(res(503, graphBody('serviceNotAvailable'), { 'retry-after': '5' }), ctx).kind).toBe('throttled');
    expect(mapGraphError(res(504, graphBody('gatewayTimeout'), { 'retry-after': '5' }), ctx).kind).toBe('throttled');
    expect(mapGraphError(res(503, graphBody('serviceNotAvailable')), ctx).kind).toBe('unavailable');
  });

  it('500 generalException → licence', () => {
    const e = mapGraphError(res(500, graphBody('generalException')), ctx);
    expect(e).toMatchObject({ kind: 'licence', status: 500, code: 'generalException', requestId: 'req-123' });
    expect(e.message).toMatch(/not licensed for the threat intelligence API/);
    expect(e.message).toMatch(/Microsoft Defender XDR or Microsoft Sentinel licence/);
    expect(e.message).toMatch(/Microsoft Defender Threat Intelligence licence plus the API add-on/);
  });

  it('500 with an HTML body → licence, keeping a text snippet as detail and the header request-id', () => {
    const html = '<html><body><h1>HTTP Status 500 – Internal Server Error</h1><h3>Apache Tomcat/9.0.71</h3></body></html>';
    const e = mapGraphError(res(500, html, { 'request-id': 'hdr-req', date: 'Wed, 01 Jan 2025 12:00:00 GMT' }), ctx);
    expect(e).toMatchObject({ kind: 'licence', status: 500, requestId: 'hdr-req', date: 'Wed, 01 Jan 2025 12:00:00 GMT' });
    expect(e.code).toBeUndefined();
    expect(e.message).toMatch(/non-JSON/);
    expect(e.message).toMatch(/threat intelligence API/);
    expect(e.detail).toContain('Apache Tomcat/9.0.71');
    expect(e.detail).not.toContain('<h1>');
  });

  it('502 → unavailable (Graph or a gateway in between), other 5xx with JSON → server', () => {
    const e = mapGraphError(res(502, graphBody('badGateway')), ctx);
    expect(e).toMatchObject({ kind: 'unavailable', code: 'badGateway' });
    expect(mapGraphError(res(500, graphBody('internalServerError')), ctx).kind).toBe('server');
  });

  it('400 → invalidInput', () => {
    expect(mapGraphError(res(400, graphBody('BadRequest')), ctx).kind).toBe('invalidInput');
  });

  it('branches on code, not message', () => {
    const e = mapGraphError(res(500, graphBody('internalServerError', 'generalException: licence missing')), ctx);
    expect(e.kind).toBe('server');
  });

  it('falls back to request-id, then client-request-id headers', () => {
    expect(mapGraphError(res(404, JSON.stringify({ error: { code: 'itemNotFound' } }), { 'request-id': 'h1', 'client-request-id': 'h2' }), ctx).requestId).toBe('h1');
    expect(mapGraphError(res(404, JSON.stringify({ error: { code: 'itemNotFound' } }), { 'client-request-id': 'h2' }), ctx).requestId).toBe('h2');
    expect(mapGraphError(res(404, graphBody('itemNotFound', 'm', { requestid: 'x' } as never)), ctx).requestId).toBeUndefined();
  });

  it('accepts the lower-case innererror spelling', () => {
    const body = JSON.stringify({ error: { code: 'itemNotFound', innererror: { 'request-id': 'low' } } });
    expect(mapGraphError(res(404, body), ctx).requestId).toBe('low');
  });

  it('never puts a token into what the user sees', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl';
    const e = mapGraphError(res(401, graphBody('InvalidAuthenticationToken', `Bearer ${token} is expired`)), ctx);
    expect(JSON.stringify(e)).not.toContain(token);
  });

  it('readGraphError returns null for non-error JSON', () => {
    expect(readGraphError('{"value": 1}')).toBeNull();
    expect(readGraphError('nope')).toBeNull();
  });
});
