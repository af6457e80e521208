// Every Graph and sign-in request through a forward proxy: the Node transport's CONNECT tunnel (https) and
// absolute-form requests (http), a proxy that wants credentials (407), and createCore wired with --proxy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app';
import { createAesFileEncryptor } from '../../../src-main/core/auth';
import { confKvFactory } from '../../../src-main/core/history';
import { parseProxyUrl } from '../../../src-main/core/net/http-proxy';
import { createNodeTransport } from '../../../src-main/core/net/node-transport';
import { dispatch } from '../../../src-shared/contract';
import { startEntraServer, type EntraServer } from '../../support/entra-server';
import { startForwardProxy, type ForwardProxy } from '../../support/forward-proxy';
import { startGraphServer, type GraphServer } from '../../support/graph-server';
import { installNetworkGuard, type NetworkGuard } from '../auth/network-guard';
import { errorOf } from '../graph/helpers';

let guard: NetworkGuard;
beforeAll(() => {
  guard = installNetworkGuard();
});
afterAll(() => guard.restore());

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  expect(guard.blocked).toEqual([]);
});
async function proxy(opts?: Parameters<typeof startForwardProxy>[0]): Promise<ForwardProxy> {
  const p = await startForwardProxy(opts);
  stops.push(() => p.stop());
  return p;
}
async function graphServer(): Promise<GraphServer> {
  const g = await startGraphServer();
  stops.push(() => g.close());
  return g;
}
async function entraServer(): Promise<EntraServer> {
  const e = await startEntraServer();
  stops.push(() => e.stop());
  return e;
}

describe('the Node transport through an HTTP proxy', () => {
  it('sends an http request to the proxy in absolute form', async () => {
    const [p, g] = [await proxy(), await graphServer()];
    const transport = createNodeTransport({ proxy: parseProxyUrl(p.url) });
    const res = await transport({ method: 'GET', url: `${g.url}/v1.0/security/threatIntelligence/hosts/85.13.139.18/ports` });
    expect(res.status).toBe(200);
    expect(p.requests).toEqual([`GET ${g.url}/v1.0/security/threatIntelligence/hosts/85.13.139.18/ports`]);
    expect(g.requests).toHaveLength(1);
  });

  it('tunnels https with CONNECT, so TLS (and the private CA check) still ends at the server', async () => {
    const [p, e] = [await proxy(), await entraServer()];
    const target = `${e.url}/organizations/v2.0/.well-known/openid-configuration`;
    const trusted = createNodeTransport({ proxy: parseProxyUrl(p.url), ca: e.caPem });
    expect((await trusted({ method: 'GET', url: target })).status).toBeLessThan(500);
    expect(p.requests).toEqual([`CONNECT ${new URL(e.url).host}`]);
    // Without the CA the tunnel still opens, but the certificate is refused end to end.
    const untrusted = await errorOf(createNodeTransport({ proxy: parseProxyUrl(p.url) })({ method: 'GET', url: target }));
    expect(untrusted).toMatchObject({ kind: 'network' });
    expect(untrusted.message).toMatch(/not trusted/);
  });

  it('says clearly when the proxy wants credentials (407), and sends the ones in the proxy URL', async () => {
    const [p, g, e] = [await proxy({ credentials: { user: 'analyst', password: 's3cret' } }), await graphServer(), await entraServer()];
    for (const url of [`${g.url}/v1.0/x`, `${e.url}/organizations/v2.0/.well-known/openid-configuration`]) {
      const refused = await errorOf(createNodeTransport({ proxy: parseProxyUrl(p.url), ca: e.caPem })({ method: 'GET', url }));
      expect(refused).toMatchObject({ kind: 'network', code: 'PROXY_AUTH_REQUIRED', status: 407 });
      expect(refused.message).toContain(`The proxy at ${p.url} requires authentication (407)`);
      const wrong = await errorOf(createNodeTransport({ proxy: parseProxyUrl(p.url.replace('//', '//analyst:nope@')), ca: e.caPem })({ method: 'GET', url }));
      expect(wrong.message).toMatch(/did not accept the credentials/);
      const ok = await createNodeTransport({ proxy: parseProxyUrl(p.url.replace('//', '//analyst:s3cret@')), ca: e.caPem })({ method: 'GET', url });
      expect(ok.status).toBeLessThan(500);
    }
  });

  it('names the proxy, not the endpoint, when the proxy cannot be reached', async () => {
    const p = await startForwardProxy();
    await p.stop();
    const e = await errorOf(createNodeTransport({ proxy: parseProxyUrl(p.url) })({ method: 'GET', url: 'http://127.0.0.1:9/v1.0/x' }));
    expect(e).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(e.message).toBe(`Could not connect to the proxy at ${p.url} (ECONNREFUSED).`);
  });

  it.each([
    ['https://proxy.example:8443', /must be an http:\/\/ URL/],
    ['socks5://127.0.0.1:1080', /must be an http:\/\/ URL/],
    ['http://127.0.0.1:3128/pac.js', /only a host and a port/],
    ['not a url', /is not a URL/],
  ])('refuses the proxy %s with a message that says why', (raw, says) => {
    expect(() => parseProxyUrl(raw)).toThrow(says);
  });
});

describe('createCore with a proxy', () => {
  it('sends every sign-in and Graph request through it', async () => {
    const [p, e] = [await proxy(), await entraServer()];
    const g = await startGraphServer({ acceptToken: (t) => e.issuedTokens.access.includes(t) });
    stops.push(() => g.close());
    const dir = mkdtempSync(join(tmpdir(), 'portolan-proxy-core-'));
    stops.push(async () => rmSync(dir, { recursive: true, force: true }));
    const core = await createCore({
      userDataDir: dir,
      version: '0.0.0-test',
      preview: true,
      kv: confKvFactory,
      encryptor: await createAesFileEncryptor(join(dir, 'auth', 'preview-cache.key')),
      openBrowser: async (url) => void e.completeBrowserStep(url),
      openExternal: async () => false,
      overrides: { authority: e.url, clientId: e.clientId, tenant: 'organizations', graphBaseUrl: g.url, caPem: e.caPem, proxy: p.url },
    });
    stops.push(() => core.dispose());
    expect(await dispatch(core.handlers, 'auth:signIn', {})).toMatchObject({ ok: true, value: { signedIn: true } });
    const looked = await dispatch(core.handlers, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    expect(looked).toMatchObject({ ok: true });
    const graphThroughProxy = p.requests.filter((r) => r.startsWith(`GET ${g.url}/`));
    expect(graphThroughProxy.length).toBe(g.requests.length);
    expect(g.requests.length).toBeGreaterThanOrEqual(2);
    // The token exchange travelled through CONNECT tunnels to the authority (the browser step does not).
    expect(e.tokenRequests.length).toBeGreaterThan(0);
    expect(p.requests.filter((r) => r === `CONNECT ${new URL(e.url).host}`).length).toBeGreaterThanOrEqual(e.tokenRequests.length);
  });
});
