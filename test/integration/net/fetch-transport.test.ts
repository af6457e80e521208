// The fetch-shaped transport the app runs on Electron's net.fetch, exercised here on Node's fetch over real
// HTTP: the same adapter, so status, headers, body cap, timeouts, cancellation and redirects behave alike.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchTransport, fetchFailure } from '../../../src-main/core/net/fetch-transport';
import { errorOf } from '../graph/helpers';

let raw: http.Server | null = null;
afterEach(async () => {
  if (raw) {
    raw.closeAllConnections();
    await new Promise((r) => raw?.close(r));
    raw = null;
  }
});

async function serve(handler: http.RequestListener): Promise<string> {
  raw = http.createServer(handler);
  await new Promise<void>((r) => raw!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
}

const transport = createFetchTransport((url, init) => fetch(url, init), { maxBodyBytes: 1024 });

describe('fetch transport', () => {
  it('returns status, lower-cased headers and the body, and sends method, headers and body', async () => {
    let seen: { method?: string; auth?: string; body: string } = { body: '' };
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen = { method: req.method, auth: req.headers.authorization, body };
        res.writeHead(207, { 'X-Mixed-Case': 'yes' }).end('déjà vu');
      });
    });
    const res = await transport({ method: 'POST', url: `${url}/x`, headers: { Authorization: 'Bearer t' }, body: 'a=1' });
    expect(res).toMatchObject({ status: 207, body: 'déjà vu' });
    expect(res.headers['x-mixed-case']).toBe('yes');
    expect(seen).toEqual({ method: 'POST', auth: 'Bearer t', body: 'a=1' });
  });

  it('refuses a body over the cap, a redirect, and URLs it must never contact', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/big') res.writeHead(200).end('x'.repeat(4096));
      else res.writeHead(302, { location: 'http://127.0.0.2:9/elsewhere' }).end();
    });
    expect(await errorOf(transport({ method: 'GET', url: `${url}/big` }))).toMatchObject({ kind: 'invalidResponse' });
    const redirected = await errorOf(transport({ method: 'GET', url: `${url}/moved` }));
    expect(redirected.kind).toBe('network');
    expect(redirected.message).toMatch(/redirect/);
    for (const bad of ['file:///etc/passwd', 'http://user:pw@127.0.0.1/']) {
      expect((await errorOf(transport({ method: 'GET', url: bad }))).message).toMatch(/^Portolan refused to contact/);
    }
  });

  it('times out, and is cancelled by its signal', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.write('{"partial":');
    });
    expect(await errorOf(transport({ method: 'GET', url, timeoutMs: 150 }))).toMatchObject({ kind: 'timeout', code: 'TIMEOUT' });
    const controller = new AbortController();
    const pending = transport({ method: 'GET', url, signal: controller.signal });
    controller.abort();
    expect(await errorOf(pending)).toMatchObject({ kind: 'cancelled' });
  });

  it('explains a refused connection', async () => {
    const url = await serve((_req, res) => res.end());
    raw!.closeAllConnections();
    await new Promise((r) => raw!.close(r));
    raw = null;
    const e = await errorOf(transport({ method: 'GET', url }));
    expect(e).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
  });

  it.each([
    ['net::ERR_PROXY_CONNECTION_FAILED', 'ERR_PROXY_CONNECTION_FAILED', /through the proxy/],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'ERR_TUNNEL_CONNECTION_FAILED', /through the proxy/],
    ['net::ERR_NAME_NOT_RESOLVED', 'ERR_NAME_NOT_RESOLVED', /Could not find graph\.microsoft\.com/],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'ERR_CERT_AUTHORITY_INVALID', /not trusted/],
    ['net::ERR_INTERNET_DISCONNECTED', 'ERR_INTERNET_DISCONNECTED', /offline/],
    ['net::ERR_CONNECTION_RESET', 'ERR_CONNECTION_RESET', /was reset/],
  ])('maps Chromium’s %s', (message, code, says) => {
    const f = fetchFailure(new URL('https://graph.microsoft.com/v1.0/x'), new Error(message));
    expect(f.error).toMatchObject({ kind: 'network', code });
    expect(f.error.message).toMatch(says);
  });
});
