// The contract is the boundary with an untrusted renderer: every channel's schema must accept what the
// renderer legitimately sends and refuse everything else with a message that names the field.
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, dispatch, ipcChannel, isChannel, parseRequest, type Handlers } from '../../../src-shared/contract';

describe('channel list', () => {
  it('the preload list and the schema map name the same channels', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort());
  });

  it('isChannel refuses names that are not channels, including prototype keys', () => {
    expect(isChannel('lookup:run')).toBe(true);
    for (const bad of ['toString', '__proto__', 'constructor', 'lookup:run ', '', 42, null]) expect(isChannel(bad)).toBe(false);
  });

  it('namespaces every Electron IPC channel', () => {
    expect(ipcChannel('lookup:run')).toMatch(/lookup:run$/);
    expect(ipcChannel('lookup:run')).not.toBe('lookup:run');
  });
});

describe('lookup:run', () => {
  it('accepts host and port, a numeric-string port, or a pasted id, and defaults the certificate expand on', () => {
    const a = parseRequest('lookup:run', { requestId: 'a1', host: '85.13.139.18', port: 21 });
    expect(a).toEqual({ ok: true, value: { requestId: 'a1', host: '85.13.139.18', port: 21, expandCertificate: true } });
    expect(parseRequest('lookup:run', { requestId: 'a1', host: 'x', port: '443' }).ok).toBe(true);
    expect(parseRequest('lookup:run', { requestId: 'a1', hostPortId: 'ODUuMTMu+/==', expandCertificate: false })).toMatchObject({
      ok: true,
      value: { hostPortId: 'ODUuMTMu+/==', expandCertificate: false },
    });
  });

  it('refuses unknown fields, bad request ids, nested $select paths and non-integer ports, naming the field', () => {
    const cases: [unknown, string][] = [
      [{ requestId: 'a1', host: 'x', port: 21, token: 'eyJ' }, 'request'],
      [{ requestId: 'a b', host: 'x', port: 21 }, 'requestId'],
      [{ requestId: 'a1', host: 'x', port: 21, select: ['host/id'] }, 'select.0'],
      [{ requestId: 'a1', host: 'x', port: 21.5 }, 'port'],
      [{ requestId: 'a1', host: 'x'.repeat(301), port: 21 }, 'host'],
    ];
    for (const [payload, field] of cases) {
      const r = parseRequest('lookup:run', payload);
      expect(r.ok, JSON.stringify(payload).slice(0, 80)).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('invalidInput');
        expect(r.error.message).toContain(field);
      }
    }
  });
});

describe('other channels', () => {
  it('settings:set takes a partial patch of known fields with their types', () => {
    expect(parseRequest('settings:set', { tenant: 'contoso.onmicrosoft.com' }).ok).toBe(true);
    expect(parseRequest('settings:set', { clientId: null, retentionDays: 30 }).ok).toBe(true);
    expect(parseRequest('settings:set', { cloud: 'mars' }).ok).toBe(false);
    expect(parseRequest('settings:set', { retentionDays: 0 }).ok).toBe(false);
    expect(parseRequest('settings:set', { accessToken: 'x' }).ok).toBe(false);
  });

  it('history:delete names exactly one of a snapshot or a host port', () => {
    expect(parseRequest('history:delete', { snapshotId: 's1' }).ok).toBe(true);
    expect(parseRequest('history:delete', { hostPortId: 'h1' }).ok).toBe(true);
    expect(parseRequest('history:delete', {}).ok).toBe(false);
    expect(parseRequest('history:delete', { snapshotId: 's1', hostPortId: 'h1' }).ok).toBe(false);
  });

  it('history:clear demands the explicit confirmation', () => {
    expect(parseRequest('history:clear', { confirm: 'DELETE ALL' }).ok).toBe(true);
    expect(parseRequest('history:clear', { confirm: 'yes' }).ok).toBe(false);
    expect(parseRequest('history:clear', {}).ok).toBe(false);
  });

  it('history:list fills defaults and bounds paging', () => {
    expect(parseRequest('history:list', {})).toEqual({ ok: true, value: { text: '', sort: 'saved', order: 'desc', offset: 0, limit: 100 } });
    expect(parseRequest('history:list', { sort: 'banner' }).ok).toBe(false);
    expect(parseRequest('history:list', { limit: 501 }).ok).toBe(false);
    expect(parseRequest('history:list', { port: 70000 }).ok).toBe(false);
  });

  it('history:exportToFile takes ndjson, json or csv only; empty channels refuse any field', () => {
    expect(parseRequest('history:exportToFile', { format: 'csv' }).ok).toBe(true);
    expect(parseRequest('history:exportToFile', { format: 'xml' }).ok).toBe(false);
    expect(parseRequest('app:info', {}).ok).toBe(true);
    expect(parseRequest('app:info', { x: 1 }).ok).toBe(false);
    expect(parseRequest('auth:signIn', undefined).ok).toBe(true);
  });
});

describe('dispatch', () => {
  const okHandlers = new Proxy({} as Handlers, {
    get: (_t, name) => async (req: unknown) => ({ ok: true, value: { channel: name, req } }),
  });

  it('refuses an unknown channel and an invalid payload before any handler runs', async () => {
    let ran = false;
    const watching = new Proxy({} as Handlers, { get: () => async () => ((ran = true), { ok: true, value: null }) });
    expect(await dispatch(watching, 'fs:read', {})).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
    // The whole history is never one IPC message: export and import go through files main reads and writes.
    expect(await dispatch(watching, 'history:export', { format: 'json' })).toMatchObject({ ok: false, error: { message: 'Unknown channel: history:export' } });
    expect(await dispatch(watching, 'history:import', { content: '{}' })).toMatchObject({ ok: false, error: { message: 'Unknown channel: history:import' } });
    expect(await dispatch(watching, 'lookup:run', { requestId: '' })).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
    expect(ran).toBe(false);
  });

  it('hands the parsed (defaulted) request to the handler', async () => {
    const r = await dispatch(okHandlers, 'lookup:run', { requestId: 'r1', hostPortId: 'id' });
    expect(r).toEqual({ ok: true, value: { channel: 'lookup:run', req: { requestId: 'r1', hostPortId: 'id', expandCertificate: true } } });
  });

  it('turns a handler that throws into a typed internal error without leaking a bearer token', async () => {
    const throwing = new Proxy({} as Handlers, {
      get: () => async () => {
        throw new Error('upstream said Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig');
      },
    });
    const r = await dispatch(throwing, 'app:info', {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('internal');
    expect(JSON.stringify(r.error)).not.toContain('eyJhbGciOiJub25lIn0');
  });
});
