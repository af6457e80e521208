// The Node transport on its own: allow-list, schemes, refused connections, body cap, custom CA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createNodeTransport } from '../../../src-main/core/net/node-transport';
import { allowOrigins } from '../../../src-main/core/net/url';
import { GRAPH_RESPONSE_MAX_BYTES } from '../../../src-shared/limits';
import { startGraphServer, type GraphServer } from '../../support/graph-server';
import { errorOf } from './helpers';

let server: GraphServer | null = null;
let raw: http.Server | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  if (raw) {
    raw.closeAllConnections();
    await new Promise((r) => raw?.close(r));
    raw = null;
  }
});

async function listen(s: http.Server): Promise<string> {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `${s instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('node transport', () => {
  it('returns status, lower-cased headers and the body text', async () => {
    raw = http.createServer((_req, res) => {
      res.writeHead(418, { 'X-Mixed-Case': 'yes', 'Content-Type': 'text/plain' });
      res.end('short and stout ☕');
    });
    const url = await listen(raw);
    const res = await createNodeTransport()({ method: 'GET', url: `${url}/teapot` });
    expect(res.status).toBe(418);
    expect(res.headers['x-mixed-case']).toBe('yes');
    expect(res.body).toBe('short and stout ☕');
  });

  it('refuses URLs outside the allow-list without connecting', async () => {
    server = await startGraphServer();
    const transport = createNodeTransport({ allow: allowOrigins(['https://graph.microsoft.com']) });
    const e = await errorOf(transport({ method: 'GET', url: `${server.url}/v1.0/x` }));
    expect(e.kind).toBe('network');
    expect(e.message).toBe(`Portolan refused to contact ${server.url}: it is not one of the endpoints this configuration allows.`);
    expect(server.requests).toHaveLength(0);
  });

  it.each(['file:///etc/passwd', 'ftp://127.0.0.1/x', 'javascript:alert(1)', 'not a url', 'http://user:pw@127.0.0.1/'])(
    'refuses %s',
    async (url) => {
      const e = await errorOf(createNodeTransport()({ method: 'GET', url }));
      expect(e.kind).toBe('network');
      expect(e.message).toMatch(/^Portolan refused to contact/);
    },
  );

  it('reports a refused connection clearly', async () => {
    raw = http.createServer();
    const url = await listen(raw);
    await new Promise((r) => raw?.close(r));
    raw = null;
    const e = await errorOf(createNodeTransport()({ method: 'GET', url }));
    expect(e).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(e.message).toBe(`Could not connect to ${url}: the connection was refused.`);
  });

  it('reports an unresolvable host', async () => {
    // The resolver's answer for a name that does not exist, without asking a DNS server.
    const asked: string[] = [];
    const lookup = ((hostname: string, _options: unknown, callback: (err: NodeJS.ErrnoException) => void) => {
      asked.push(hostname);
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
    }) as unknown as LookupFunction;
    const e = await errorOf(createNodeTransport({ lookup })({ method: 'GET', url: 'http://no-such-host.invalid/', timeoutMs: 5000 }));
    expect(asked).toEqual(['no-such-host.invalid']);
    expect(e.kind).toBe('network');
    expect(e.message).toBe('Could not find no-such-host.invalid: check the network connection and DNS.');
  });

  it('stops reading a body over the cap', async () => {
    raw = http.createServer((_req, res) => {
      res.writeHead(200);
      res.end('x'.repeat(64 * 1024));
    });
    const url = await listen(raw);
    const e = await errorOf(createNodeTransport({ maxBodyBytes: 16 * 1024 })({ method: 'GET', url }));
    expect(e.kind).toBe('invalidResponse');
    expect(e.message).toMatch(/larger than/);
  });

  it('by default takes a response the size of 50,000 banners (23 MB) and refuses one over GRAPH_RESPONSE_MAX_BYTES', async () => {
    const sizes = [23_000_000, GRAPH_RESPONSE_MAX_BYTES + 1];
    raw = http.createServer((_req, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(sizes.shift()!, 0x61));
    });
    const url = await listen(raw);
    const res = await createNodeTransport()({ method: 'GET', url });
    expect(res.body.length).toBe(23_000_000);
    const e = await errorOf(createNodeTransport()({ method: 'GET', url }));
    expect(e.kind).toBe('invalidResponse');
    expect(e.message).toMatch(/larger than/);
  });

  it('cancels when the signal aborts', async () => {
    raw = http.createServer(() => {
      /* never answers */
    });
    const url = await listen(raw);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect((await errorOf(createNodeTransport()({ method: 'GET', url, signal: ac.signal }))).kind).toBe('cancelled');
  });

  it('times out the whole request, including a slow body', async () => {
    raw = http.createServer((_req, res) => {
      res.writeHead(200);
      res.write('{"partial":');
      // the rest never comes
    });
    const url = await listen(raw);
    const e = await errorOf(createNodeTransport()({ method: 'GET', url, timeoutMs: 200 }));
    expect(e.kind).toBe('timeout');
  });

  describe('https with an extra CA', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-ca-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    let haveOpenssl = true;
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    } catch {
      haveOpenssl = false;
    }
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.skipIf(!haveOpenssl)('trusts the given CA and explains an untrusted one', async () => {
      raw = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
      const url = await listen(raw);
      const trusted = await createNodeTransport({ ca: readFileSync(cert) })({ method: 'GET', url });
      expect(trusted.body).toBe('{"ok":true}');
      const e = await errorOf(createNodeTransport()({ method: 'GET', url }));
      expect(e.kind).toBe('network');
      expect(e.message).toMatch(/not trusted .*--ca-file/);
    });
  });
});
