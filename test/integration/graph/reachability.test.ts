import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProxyUrl } from '../../../src-main/core/net/http-proxy';
import { createNodeTransport } from '../../../src-main/core/net/node-transport';
import { createReachabilityProbe } from '../../../src-main/core/net/reachability';
import { startForwardProxy } from '../../support/forward-proxy';

let servers: http.Server[] = [];
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
  for (const stop of stops.splice(0)) await stop();
});

/** A Graph-like root: any path answers with an error document, as graph.microsoft.com/ does without a token. */
async function listen(): Promise<number> {
  const server = http.createServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"BadRequest"}}'));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** A port that was just free: listen, note it, close. */
async function closedPort(): Promise<number> {
  const port = await listen();
  const s = servers.pop()!;
  await new Promise((r) => s.close(r));
  return port;
}

const transport = createNodeTransport();

describe('reachability probe', () => {
  it('is true when the service root answers over HTTP (any status) and false when nothing listens', async () => {
    const up = await listen();
    const down = await closedPort();
    expect(await createReachabilityProbe({ transport })(`http://127.0.0.1:${up}`)).toBe(true);
    expect(await createReachabilityProbe({ transport })(`http://127.0.0.1:${down}`)).toBe(false);
  });

  it('goes through the same transport as lookups: behind a proxy, the network does not look offline', async () => {
    const up = await listen();
    const proxy = await startForwardProxy();
    stops.push(() => proxy.stop());
    const proxied = createNodeTransport({ proxy: parseProxyUrl(proxy.url) });
    expect(await createReachabilityProbe({ transport: proxied })(`http://127.0.0.1:${up}/v1.0`)).toBe(true);
    expect(proxy.requests).toEqual([`GET http://127.0.0.1:${up}/`]);
  });

  it('reuses an answer within its lifetime, probes again after it, and re-probes when the root changes', async () => {
    const port = await listen();
    let now = 0;
    let url = `http://127.0.0.1:${port}`;
    const probe = createReachabilityProbe({ transport, ttlMs: 1000, now: () => now });
    expect(await probe(url)).toBe(true);
    const gone = servers.pop()!;
    gone.closeAllConnections();
    await new Promise((r) => gone.close(r));
    expect(await probe(url)).toBe(true); // cached
    now = 1500;
    expect(await probe(url)).toBe(false); // expired: probed again, server is gone
    const other = await listen();
    url = `http://127.0.0.1:${other}`;
    expect(await probe(url)).toBe(true); // new origin: not the cached answer
  });

  it('answers false for a URL it cannot parse', async () => {
    expect(await createReachabilityProbe({ transport })('not a url')).toBe(false);
  });
});
