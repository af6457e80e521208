// A bulk job across sign-out and sign-in, as the app wires them (createCore): the real msal-node flow against
// the Entra stand-in, the job against a Graph stand-in that accepts only tokens the authority issued. Signing
// out holds the job with the reason shown and nothing more is sent; signing in again carries on, and every
// host is listed exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/app';
import { createAesFileEncryptor } from '../../../src-main/core/auth';
import { confKvFactory } from '../../../src-main/core/history';
import type { BulkJobStatusView } from '../../../src-shared/bulk-views';
import { dispatch } from '../../../src-shared/contract';
import { startEntraServer, type EntraServer } from '../../support/entra-server';
import { settle } from '../../support/fake-timers';
import { startGraphServer, type GraphServer } from '../../support/graph-server';
import { installNetworkGuard, type NetworkGuard } from '../auth/network-guard';
import { eventually } from '../../support/eventually';

let guard: NetworkGuard;
beforeAll(() => {
  guard = installNetworkGuard();
});
afterAll(() => guard.restore());

let dir = '';
let entra: EntraServer | null = null;
let graph: GraphServer | null = null;
let core: Core | null = null;
const held: (() => void)[] = [];
let passThrough = false;
afterEach(async () => {
  passThrough = true;
  for (const release of held.splice(0)) release();
  await core?.dispose();
  await graph?.close();
  await entra?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  expect(guard.blocked).toEqual([]);
});

const HOSTS = Array.from({ length: 6 }, (_, i) => `10.7.0.${i + 1}`);

describe('a bulk job across sign-out and sign-in (real wiring)', () => {
  it('holds on sign-out with the reason, sends nothing while signed out, and resumes after sign-in', async () => {
    dir = mkdtempSync(join(tmpdir(), 'portolan-bulk-signin-'));
    const e = await startEntraServer();
    entra = e;
    const g = await startGraphServer({ scenarios: false, hostPorts: {}, acceptToken: (t) => e.issuedTokens.access.includes(t) });
    graph = g;
    g.setFault(/\/hosts\/10\.7\./, { kind: 'hold', until: () => (passThrough ? Promise.resolve() : new Promise<void>((r) => held.push(r))) });
    const c = await createCore({
      userDataDir: dir,
      version: '0.0.0-test',
      preview: true,
      kv: confKvFactory,
      encryptor: await createAesFileEncryptor(join(dir, 'auth', 'preview-cache.key')),
      openBrowser: async (url) => {
        void e.completeBrowserStep(url);
      },
      openExternal: async () => false,
      overrides: { authority: e.url, clientId: e.clientId, tenant: 'organizations', graphBaseUrl: g.url, caPem: e.caPem },
    });
    core = c;
    const call = (channel: string, payload: unknown = {}) => dispatch(c.handlers, channel, payload);
    const job = async (): Promise<BulkJobStatusView> => {
      const r = await call('bulk:status');
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { jobs: BulkJobStatusView[] }).jobs[0]!;
    };
    const listings = () => g.requests.filter((q) => /\/hosts\/10\.7\./.test(q.url));

    const s = await call('auth:signIn');
    if (!s.ok) throw new Error(s.error.message);
    const account = (s.value as { active: { homeAccountId: string } }).active.homeAccountId;
    expect(await call('bulk:start', { name: 'signout', lines: HOSTS.map((h) => `${h}:22`) })).toMatchObject({ ok: true });
    await eventually(() => expect(held).toHaveLength(2));

    expect(await call('auth:signOut', { homeAccountId: account })).toMatchObject({ ok: true, value: { signedIn: false } });
    expect(await job()).toMatchObject({ state: 'stopped', stopError: { kind: 'signInRequired' } });
    // The two listings already on their way are answered and count; nothing new leaves while signed out.
    for (const release of held.splice(0)) release();
    await eventually(async () => expect(await job()).toMatchObject({ done: 2 }));
    await settle();
    expect(listings()).toHaveLength(2);
    expect((await job()).state).toBe('stopped');

    passThrough = true;
    expect(await call('auth:signIn')).toMatchObject({ ok: true, value: { signedIn: true } });
    await eventually(async () => expect(await job()).toMatchObject({ state: 'finished', done: 6, failed: 0 }));
    const listed = listings().map((q) => /\/hosts\/([^/]+)\/ports/.exec(q.url)?.[1]);
    expect(listed.sort()).toEqual([...HOSTS].sort());
    // After the new sign-in every listing carried a token the authority issued for it.
    expect(listings().every((q) => e.issuedTokens.access.includes(q.headers.authorization?.replace(/^Bearer /, '') ?? ''))).toBe(true);
  });
});
