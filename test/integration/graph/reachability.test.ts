import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createReachabilityProbe } from '../../../src-main/core/net/reachability';

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

async function listen(): Promise<number> {
  const server = createServer((socket) => socket.destroy());
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

describe('reachability probe', () => {
  it('is true when the service root accepts a connection and false when nothing listens', async () => {
    const up = await listen();
    const down = await closedPort();
    expect(await createReachabilityProbe()(`http://127.0.0.1:${up}`)).toBe(true);
    expect(await createReachabilityProbe()(`http://127.0.0.1:${down}`)).toBe(false);
  });

  it('reuses an answer within its lifetime, probes again after it, and re-probes when the root changes', async () => {
    const port = await listen();
    let now = 0;
    let url = `http://127.0.0.1:${port}`;
    const probe = createReachabilityProbe({ ttlMs: 1000, now: () => now });
    expect(await probe(url)).toBe(true);
    await new Promise((r) => servers.pop()!.close(r));
    expect(await probe(url)).toBe(true); // cached
    now = 1500;
    expect(await probe(url)).toBe(false); // expired: probed again, server is gone
    const other = await listen();
    url = `http://127.0.0.1:${other}`;
    expect(await probe(url)).toBe(true); // new origin: not the cached answer
  });

  it('answers false for a URL it cannot parse', async () => {
    expect(await createReachabilityProbe()('not a url')).toBe(false);
  });
});
