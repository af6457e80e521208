import { request } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/core/service/handlers';
import { resolveStaticPath } from '../../../src-main/preview/static';
import { startPreviewServer, type PreviewServer } from '../../../src-main/preview/server';
import { fakeAuth, fakeHistory, fakeSettings, fakeSource, hostPortView } from '../../unit/service/fakes';

let dir: string;
let server: PreviewServer;
let key: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portolan-preview-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  const handlers = createHandlers({
    version: 't', preview: true, settings: fakeSettings(), auth: fakeAuth(), history: fakeHistory(),
    source: () => fakeSource(async () => ({ hostPort: hostPortView(), raw: '{}', fetchedAt: 'x', request: { url: 'u', select: [], expand: [], resolvedFrom: null } })),
    activeUsername: async () => null, openExternal: async () => false, clock: { now: () => 0 },
  });
  server = await startPreviewServer({ handlers, rendererDir: join(dir, 'renderer'), port: 0 });
  const html = await (await fetch(server.url)).text();
  key = /name="portolan-preview-key" content="([^"]+)"/.exec(html)?.[1] ?? '';
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const invoke = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL('/api/invoke', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portolan-key': key, ...headers },
    body: JSON.stringify(body),
  });

describe('web preview server', () => {
  it('binds loopback and serves index.html with a per-run key and a strict CSP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(key.length).toBeGreaterThan(20);
    const res = await fetch(server.url);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe');
  });

  it('bridges a call to the core handlers', async () => {
    const res = await invoke({ channel: 'settings:get', payload: {} });
    expect(await res.json()).toMatchObject({ ok: true, value: { cloud: 'global', tenant: 'organizations' } });
  });

  it('returns typed errors for invalid payloads', async () => {
    const res = await invoke({ channel: 'lookup:run', payload: { requestId: 'x', select: ['host/id'] } });
    expect(await res.json()).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
  });

  it('refuses calls without the key, from another origin, or for another Host', async () => {
    expect((await invoke({ channel: 'settings:get', payload: {} }, { 'x-portolan-key': 'nope' })).status).toBe(403);
    expect((await invoke({ channel: 'settings:get', payload: {} }, { origin: 'http://evil.example' })).status).toBe(403);
    const port = new URL(server.url).port;
    // fetch may not override Host; node:http can, as a DNS-rebinding page's browser effectively would.
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject).end();
    });
    expect(status).toBe(421);
  });

  it('answers a page opened as localhost on its own port, and refuses any other Host or Origin', async () => {
    const port = new URL(server.url).port;
    const call = (headers: Record<string, string>, path = '/api/invoke') =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const body = JSON.stringify({ channel: 'settings:get', payload: {} });
        const req = request(
          { host: '127.0.0.1', port, path, method: path === '/api/invoke' ? 'POST' : 'GET', headers: { 'content-type': 'application/json', 'x-portolan-key': key, ...headers } },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (c: string) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end(path === '/api/invoke' ? body : undefined);
      });

    const page = await call({ host: `localhost:${port}` }, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('portolan-preview-key');
    // What Chromium sends for a page at http://localhost:PORT/ calling its own API.
    const local = await call({ host: `localhost:${port}`, origin: `http://localhost:${port}` });
    expect(local.status).toBe(200);
    expect(JSON.parse(local.body)).toMatchObject({ ok: true, value: { cloud: 'global' } });
    expect((await call({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` })).status).toBe(200);

    expect((await call({ host: `evil.example:${port}` })).status).toBe(421);
    expect((await call({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` })).status).toBe(421);
    expect((await call({ host: `evil.example:${port}` }, '/')).status).toBe(421);
    expect((await call({ host: `localhost:${Number(port) + 1}` })).status).toBe(421);
    expect((await call({ host: `localhost:${port}`, origin: `http://evil.example:${port}` })).status).toBe(403);
    expect((await call({ host: `localhost:${port}`, origin: `http://localhost:${Number(port) + 1}` })).status).toBe(403);
    expect((await call({ host: `localhost:${port}`, origin: `https://localhost:${port}` })).status).toBe(403);
  });

  it('never serves files outside the built renderer', async () => {
    expect(resolveStaticPath(join(dir, 'renderer'), '/../secret.txt')).toBeNull();
    expect(resolveStaticPath(join(dir, 'renderer'), '/%2e%2e/secret.txt')).toBeNull();
    expect(resolveStaticPath(join(dir, 'renderer'), '/..%5csecret.txt')).toBeNull();
    const res = await fetch(new URL('/%2e%2e/secret.txt', server.url));
    expect(res.status).toBe(404);
  });
});
