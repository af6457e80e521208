// Sign-in and Graph together, as the app wires them (createCore): the real msal-node flow against the
// Entra stand-in, the real Graph client against a Graph stand-in that accepts only tokens the authority
// issued. Covers the 401 rule: one forced refresh and one retry, then "sign in again".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import type { EntraServer } from '../../support/entra-server';
import type { GraphServer } from '../../support/graph-server';
import { call, useAppHarness } from './harness';

const app = useAppHarness({ name: 'core-signin' });
let entra: EntraServer;
let graph: GraphServer;
let core: Core;
/** Access tokens Graph treats as revoked, although the authority issued them. */
const revoked = new Set<string>();
let graphAcceptsNothing = false;

beforeEach(async () => {
  entra = await app.entra();
  revoked.clear();
  graphAcceptsNothing = false;
  graph = await app.graph({
    acceptToken: (t) => !graphAcceptsNothing && entra.issuedTokens.access.includes(t) && !revoked.has(t),
  });
  core = await app.signInCore(entra, graph);
});

const lookUp = (c: Core, id: string) => call(c, 'lookup:run', { requestId: id, host: '85.13.139.18', port: 21 });
const grants = () => entra.tokenRequests.map((r) => r.grantType);
const bearerOf = (i: number) => graph.requests[i]?.headers.authorization?.replace(/^Bearer /, '');

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const p = join(root, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('signed in through createCore', () => {
  it('signs in, looks up with the issued token, and keeps no token in plain text on disk', async () => {
    const status = await call(core, 'auth:signIn');
    expect(status).toMatchObject({ ok: true, value: { mode: 'msal', signedIn: true, active: { username: 'alice@contoso.example' } } });
    const r = await lookUp(core, 'r1');
    expect(r.ok).toBe(true);
    expect(entra.issuedTokens.access).toContain(bearerOf(0));

    const secrets = [...entra.issuedTokens.access, ...entra.issuedTokens.refresh, ...entra.issuedTokens.id];
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const file of filesUnder(app.dir)) {
      const bytes = readFileSync(file).toString('latin1');
      for (const s of secrets) expect(bytes.includes(s), `${file} holds a token`).toBe(false);
    }
    // The saved snapshot names the account, not its token.
    const list = await call(core, 'history:list', {});
    expect(list).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('a 401 for a token Graph no longer accepts: exactly one forced refresh, one retry, success', async () => {
    await call(core, 'auth:signIn');
    expect((await lookUp(core, 'r1')).ok).toBe(true);
    const first = bearerOf(graph.requests.length - 1)!;
    revoked.add(first);
    const before = graph.requests.length;

    const r = await lookUp(core, 'r2');
    expect(r.ok).toBe(true);
    expect(grants()).toEqual(['authorization_code', 'refresh_token']);
    const used = graph.requests.slice(before).map((q) => q.headers.authorization?.replace(/^Bearer /, ''));
    expect(used[0]).toBe(first); // the silent token, rejected
    expect(used.slice(1).every((t) => t !== first && entra.issuedTokens.access.includes(t!))).toBe(true);
  });

  it('a second 401 after the refresh asks the analyst to sign in again, with no token in the message', async () => {
    await call(core, 'auth:signIn');
    graphAcceptsNothing = true;
    const refreshesBefore = grants().filter((g) => g === 'refresh_token').length;
    const r = await lookUp(core, 'r1');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('unauthorized');
    expect(r.error.message).toMatch(/sign in again/i);
    // One refresh for the one retry, no more.
    expect(grants().filter((g) => g === 'refresh_token')).toHaveLength(refreshesBefore + 1);
    expect(graph.requests).toHaveLength(2);
    const json = JSON.stringify(r);
    for (const t of [...entra.issuedTokens.access, ...entra.issuedTokens.refresh]) expect(json.includes(t)).toBe(false);
  });

  it('a restart with the same user data stays signed in without a new interactive sign-in', async () => {
    await call(core, 'auth:signIn');
    await core.dispose();
    const authorizeBefore = entra.authorizeRequests.length;
    core = await app.signInCore(entra, graph);
    expect(await call(core, 'auth:status')).toMatchObject({ ok: true, value: { signedIn: true } });
    expect((await lookUp(core, 'r1')).ok).toBe(true);
    expect(entra.authorizeRequests.length).toBe(authorizeBefore);
    expect(grants()).toEqual(['authorization_code']); // the cached access token was still valid
  });

  it('sign out removes the account: the next lookup asks for sign-in and never reaches Graph', async () => {
    const s = await call(core, 'auth:signIn');
    if (!s.ok) throw new Error(s.error.message);
    const id = (s.value as { active: { homeAccountId: string } }).active.homeAccountId;
    expect(await call(core, 'auth:signOut', { homeAccountId: id })).toMatchObject({ ok: true, value: { signedIn: false, accounts: [] } });
    const before = graph.requests.length;
    expect(await lookUp(core, 'r1')).toMatchObject({ ok: false, error: { kind: 'signInRequired' } });
    expect(graph.requests.length).toBe(before);
  });
});
