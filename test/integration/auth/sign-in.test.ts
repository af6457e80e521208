import { describe, expect, it } from 'vitest';
import { ALICE, fetchAuthorizeForm, startEntraServer, submitAuthorizeForm } from '../../support/entra-server';
import { createHarness, failureOf, portClosed, redirectPort, SCOPE, useHarness } from './harness';
import { useNetworkGuard } from './network-guard';

const guard = useNetworkGuard();

describe('interactive sign-in against the Entra stand-in', () => {
  // Every socket in this file went to loopback, and none was blocked.
  const h = useHarness(guard, { loopbackOnly: true });

  it('runs the real msal-node flow: form_post to the 127.0.0.1 loopback, PKCE-checked code exchange', async () => {
    const auth = h.make();
    const { status, step } = await h.signInAs(auth);

    const url = new URL(h.opened[0]!);
    expect(url.origin).toBe(h.server.url);
    expect(url.pathname).toBe('/organizations/oauth2/v2.0/authorize');
    expect(url.searchParams.get('response_mode')).toBe('form_post');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('prompt')).toBe('select_account');
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining([SCOPE, 'offline_access']));
    expect(step.redirectUri).toMatch(/^http:\/\/localhost:\d+\/?$/);
    expect(step.status).toBe(200);
    expect(step.body).toContain('You can return to Portolan');

    expect(status).toMatchObject({ mode: 'msal', configured: true, signedIn: true, signInInProgress: false, cacheWarning: null });
    expect(status.active).toEqual({
      homeAccountId: `${ALICE.oid}.${ALICE.tid}`,
      name: ALICE.name,
      username: ALICE.username,
      tenantId: ALICE.tid,
    });
    expect(status.accounts).toHaveLength(1);
    expect(h.server.tokenRequests.map((r) => [r.grantType, r.ok])).toEqual([['authorization_code', true]]);
    // Account information only: no token of any kind in what the renderer gets.
    const json = JSON.stringify(status);
    for (const t of [...h.server.issuedTokens.access, ...h.server.issuedTokens.refresh, ...h.server.issuedTokens.id]) {
      expect(json).not.toContain(t);
    }
    // The loopback is gone once the sign-in is over.
    expect(await portClosed(redirectPort(h.opened[0]!))).toBe(true);
    auth.dispose();
  });

  it('every sign-in request went to the configured authority, and nowhere else', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    await auth.tokens.getToken({ forceRefresh: true });
    const attempts = auth.networkAttempts();
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    // The authority's own openid-configuration is read once; then only its token endpoint is used.
    const [discovery, ...rest] = attempts;
    expect(discovery).toMatchObject({ target: `${h.server.url}/organizations/v2.0/.well-known/openid-configuration`, outcome: 200 });
    for (const a of rest) {
      expect(a.target.startsWith(`${h.server.url}/organizations/oauth2/v2.0/token`)).toBe(true);
      expect(a.outcome).toBe(200);
    }
    // No instance discovery at Microsoft, no second openid-configuration request.
    expect(rest.some((a) => a.target.includes('openid-configuration') || a.target.includes('discovery'))).toBe(false);
  });

  it('refuses a second sign-in while one is pending, and cancel stops the loopback', async () => {
    const auth = h.make();
    const url = h.nextSignInUrl();
    const first = auth.signIn();
    const signInUrl = await url;
    expect((await auth.status()).signInInProgress).toBe(true);

    const second = await failureOf(auth.signIn());
    expect(second.error.kind).toBe('invalidInput');
    expect(second.error.message).toMatch(/already in progress/);

    expect(auth.cancelSignIn()).toBe(true);
    const cancelled = await failureOf(first);
    expect(cancelled.error.kind).toBe('cancelled');
    expect(await portClosed(redirectPort(signInUrl))).toBe(true);
    expect(auth.cancelSignIn()).toBe(false);
    const status = await auth.status();
    expect(status.signInInProgress).toBe(false);
    expect(status.signedIn).toBe(false);
    // The user's browser, arriving late, can no longer deliver a code.
    await expect(h.server.completeBrowserStep(signInUrl)).rejects.toThrow();
    expect(h.server.tokenRequests).toEqual([]);

    // And a new sign-in works right after.
    const { status: after } = await h.signInAs(auth);
    expect(after.signedIn).toBe(true);
  });

  it('times out when the browser never returns, and frees the loopback', async () => {
    h.server.faults.userNeverReturns = true;
    const auth = h.make({ signInTimeoutMs: 400 });
    const url = h.nextSignInUrl();
    const pending = auth.signIn();
    const signInUrl = await url;
    await expect(h.server.completeBrowserStep(signInUrl)).rejects.toThrow(/no form/);
    const failure = await failureOf(pending);
    expect(failure.error.kind).toBe('timeout');
    expect(failure.error.message).toMatch(/not completed in the browser/);
    expect(await portClosed(redirectPort(signInUrl))).toBe(true);
    expect((await auth.status()).signInInProgress).toBe(false);
  });

  it('explains missing admin consent (AADSTS65001) posted back by /authorize', async () => {
    h.server.faults.authorizeError = 'consent_required';
    const auth = h.make();
    const url = h.nextSignInUrl();
    const outcome = failureOf(auth.signIn());
    const step = await h.server.completeBrowserStep(await url);
    expect(step.body).toContain('The sign-in was not completed');
    const failure = await outcome;
    expect(failure.error.kind).toBe('forbidden');
    expect(failure.error.code).toBe('AADSTS65001');
    expect(failure.error.message).toMatch(/admin consent/);
    expect(failure.error.message).not.toMatch(/Send an interactive authorization request/);
  });

  it('explains missing consent reported by /token during the code exchange', async () => {
    h.server.faults.codeError = 'consent_required';
    const auth = h.make();
    const failure = await failureOf(h.signInAs(auth));
    expect(failure.error).toMatchObject({ kind: 'forbidden', code: 'AADSTS65001' });
    expect((await auth.status()).signedIn).toBe(false);
  });

  it('reports a declined sign-in as cancelled', async () => {
    h.server.faults.authorizeError = 'access_denied';
    const auth = h.make();
    const failure = await failureOf(h.signInAs(auth));
    expect(failure.error.kind).toBe('cancelled');
  });

  it('reports an unreachable authority during the code exchange as a network error', async () => {
    const auth = h.make();
    const url = h.nextSignInUrl();
    const outcome = failureOf(auth.signIn());
    const form = await fetchAuthorizeForm(await url, { ca: h.server.caPem });
    h.server.faults.unreachable = true;
    await submitAuthorizeForm(form);
    const failure = await outcome;
    expect(failure.error.kind).toBe('network');
    expect(failure.error.message).toContain(h.server.url);
    expect(failure.error.code).toBe('ECONNRESET');
  });

  it('an authority that cannot be reached when Sign in is clicked fails at once: no browser, no loopback left waiting', async () => {
    h.server.faults.unreachable = true;
    const auth = h.make();
    const failure = await failureOf(auth.signIn());
    expect(failure.error.kind).toBe('network');
    expect(failure.error.message).toContain(h.server.url);
    expect(h.opened).toEqual([]);
    expect((await auth.status()).signInInProgress).toBe(false);
    // Back again: the next attempt signs in.
    h.server.faults.unreachable = false;
    expect((await h.signInAs(auth)).status.signedIn).toBe(true);
  });

  it('says what to do when no client ID is configured', async () => {
    h.settings = { ...h.settings, clientId: null };
    const auth = h.make();
    expect(await auth.status()).toMatchObject({ configured: false, signedIn: false, accounts: [] });
    const failure = await failureOf(auth.signIn());
    expect(failure.error.kind).toBe('notConfigured');
    expect(failure.error.message).toMatch(/client\) ID/);
    expect(h.opened).toEqual([]);
  });

  it('refuses to send a refresh token to a host the allow-list does not name', async () => {
    await h.signInAs(h.make());
    const before = h.server.tokenRequests.length;
    const connectionsBefore = guard.hosts.length;
    const strict = h.make({ allowHosts: (u) => u.hostname === 'login.microsoftonline.com' });
    const failure = await failureOf(strict.tokens.getToken({ forceRefresh: true }));
    expect(failure.error).toMatchObject({ kind: 'network', code: 'PORTOLAN_REFUSED' });
    // Both the endpoint discovery and the refresh were refused; nothing else was tried.
    const outcomes = strict.networkAttempts().map((a) => a.outcome);
    expect(outcomes.length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o === 'refused')).toBe(true);
    expect(h.server.tokenRequests.length).toBe(before);
    expect(guard.hosts.length).toBe(connectionsBefore); // refused before any socket was opened
  });
});

describe('an authority whose endpoints are not at the Entra paths', () => {
  it('signs in and refreshes through the endpoints its openid-configuration publishes', async () => {
    const h = await createHarness({ server: await startEntraServer({ layout: 'flat' }) });
    try {
      const auth = h.make();
      const { status } = await h.signInAs(auth);
      expect(status.signedIn).toBe(true);
      expect(new URL(h.opened[0]!).pathname).toBe('/organizations/authorize');
      await auth.tokens.getToken({ forceRefresh: true });
      expect(h.server.tokenRequests.map((r) => [r.grantType, r.ok])).toEqual([
        ['authorization_code', true],
        ['refresh_token', true],
      ]);
      expect(guard.blocked).toEqual([]);
    } finally {
      await h.cleanup();
    }
  });
});
