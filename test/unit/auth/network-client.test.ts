import * as net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthNetworkClient } from '../../../src-main/core/auth/network-client';
import { createNodeTransport } from '../../../src-main/core/net/node-transport';

const transport = createNodeTransport();

afterEach(() => vi.restoreAllMocks());

describe('sign-in network client', () => {
  it('refuses hosts off the allow-list before opening any socket, and records the attempt without the query', async () => {
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const client = createAuthNetworkClient({ transport, allow: (u) => u.hostname === 'login.microsoftonline.com' });
    await expect(client.sendPostRequestAsync('https://evil.example/token?code=secret', { body: 'refresh_token=rt' })).rejects.toThrow(
      /refused to contact https:\/\/evil\.example/,
    );
    await expect(client.sendGetRequestAsync('http://login.microsoftonline.com/x')).rejects.toThrow(/refused/);
    expect(connect).not.toHaveBeenCalled();
    expect(client.attempts).toEqual([
      { method: 'POST', target: 'https://evil.example/token', outcome: 'refused', code: 'NOT_ALLOWED' },
      { method: 'GET', target: 'http://login.microsoftonline.com/x', outcome: 'refused', code: 'NOT_ALLOWED' },
    ]);
    expect(client.lastFailure()?.target).toBe('http://login.microsoftonline.com/x');
  });

  it('records a connection failure with its socket code', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const client = createAuthNetworkClient({ transport, allow: () => true });
    await expect(client.sendGetRequestAsync(`https://127.0.0.1:${port}/x`)).rejects.toThrow(/connection was refused/);
    expect(client.lastFailure()).toMatchObject({ outcome: 'failed', code: 'ECONNREFUSED' });
  });
});
