import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { failureOf, useHarness } from './harness';
import { useNetworkGuard } from './network-guard';

const guard = useNetworkGuard();

describe('network guard', () => {
  it('blocks a connection that would leave loopback', async () => {
    const before = guard.blocked.length;
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const s = net.connect({ host: '192.0.2.10', port: 443 });
      s.once('error', resolve);
    });
    expect(err.code).toBe('EGUARD');
    expect(guard.blocked.slice(before)).toEqual(['192.0.2.10']);
    guard.blocked.splice(before); // this one was on purpose
  });
});

describe('tokens for Graph calls', () => {
  const h = useHarness(guard);

  it('serves the cached access token silently after sign-in, without calling the authority', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    const a = await auth.tokens.getToken({ forceRefresh: false });
    const b = await auth.tokens.getToken({ forceRefresh: false });
    expect(a).toBe(h.server.issuedTokens.access[0]);
    expect(b).toBe(a);
    expect(h.server.tokenRequests.map((r) => r.grantType)).toEqual(['authorization_code']);
  });

  it('renews with the refresh_token grant once the access token has expired', async () => {
    h.server.expiresIn = 1; // below msal-node's 5-minute renewal margin: stale at once
    const auth = h.make();
    await h.signInAs(auth);
    const token = await auth.tokens.getToken({ forceRefresh: false });
    expect(h.server.tokenRequests.map((r) => [r.grantType, r.ok])).toEqual([
      ['authorization_code', true],
      ['refresh_token', true],
    ]);
    expect(token).toBe(h.server.issuedTokens.access[1]);
    expect(token).not.toBe(h.server.issuedTokens.access[0]);
  });

  it('forceRefresh (after a Graph 401) gets a new token even though the cached one is valid', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    const cached = await auth.tokens.getToken({ forceRefresh: false });
    const fresh = await auth.tokens.getToken({ forceRefresh: true });
    expect(fresh).not.toBe(cached);
    expect(fresh).toBe(h.server.issuedTokens.access[1]);
    expect(h.server.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', ok: true });
    // …and later calls use the new one.
    expect(await auth.tokens.getToken({ forceRefresh: false })).toBe(fresh);
  });

  it('makes one token call at a time', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    h.server.faults.tokenDelayMs = 80;
    const results = await Promise.all([1, 2, 3].map(() => auth.tokens.getToken({ forceRefresh: true })));
    expect(h.server.maxConcurrentTokenRequests).toBe(1);
    expect(new Set(results).size).toBe(3);
    expect(h.server.tokenRequests.filter((r) => r.grantType === 'refresh_token')).toHaveLength(3);
  });

  it('a cancelled request waiting in the queue never reaches the authority', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    h.server.faults.tokenDelayMs = 100;
    const first = auth.tokens.getToken({ forceRefresh: true });
    const ctl = new AbortController();
    const second = failureOf(auth.tokens.getToken({ forceRefresh: true, signal: ctl.signal }));
    ctl.abort();
    await first;
    expect((await second).error.kind).toBe('cancelled');
    expect(h.server.tokenRequests.filter((r) => r.grantType === 'refresh_token')).toHaveLength(1);
  });

  it('asks for sign-in when nobody is signed in', async () => {
    const failure = await failureOf(h.make().tokens.getToken({ forceRefresh: false }));
    expect(failure.error.kind).toBe('signInRequired');
    expect(h.server.tokenRequests).toEqual([]);
  });

  it('turns invalid_grant on refresh into "sign in again", with the AADSTS code but not the server text', async () => {
    h.server.expiresIn = 1;
    const auth = h.make();
    await h.signInAs(auth);
    h.server.faults.refreshError = 'invalid_grant';
    const failure = await failureOf(auth.tokens.getToken({ forceRefresh: false }));
    expect(failure.error.kind).toBe('signInRequired');
    expect(failure.error.message).toMatch(/^Sign in again/);
    expect(failure.error.code).toBe('AADSTS70008');
    expect(JSON.stringify(failure.error)).not.toMatch(/expired due to inactivity|Trace ID|Correlation ID/);
  });

  it('a revoked refresh token also asks for sign-in again', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    h.server.revokeRefreshTokens();
    const failure = await failureOf(auth.tokens.getToken({ forceRefresh: true }));
    expect(failure.error).toMatchObject({ kind: 'signInRequired', code: 'AADSTS700082' });
  });

  it('explains missing consent (AADSTS65001) on refresh', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    h.server.faults.refreshError = 'consent_required';
    const failure = await failureOf(auth.tokens.getToken({ forceRefresh: true }));
    expect(failure.error.kind).toBe('signInRequired');
    expect(failure.error.code).toBe('AADSTS65001');
    expect(failure.error.message).toMatch(/admin consent for ThreatIntelligence\.Read\.All/);
  });

  it('reports an unreachable authority as a network error, and recovers when it is back', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    h.server.faults.unreachable = true;
    const failure = await failureOf(auth.tokens.getToken({ forceRefresh: true }));
    expect(failure.error.kind).toBe('network');
    expect(failure.error.message).toContain(h.server.url);
    h.server.faults.unreachable = false;
    expect(await auth.tokens.getToken({ forceRefresh: true })).toBe(h.server.issuedTokens.access.at(-1));
  });

  it('reports a stopped authority (connection refused) as a network error', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    await h.server.stop();
    const failure = await failureOf(auth.tokens.getToken({ forceRefresh: true }));
    expect(failure.error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
  });
});
