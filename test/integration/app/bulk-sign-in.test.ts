// A bulk job across sign-out and sign-in, as the app wires them (createCore): the real msal-node flow against
// the Entra stand-in, the job against a Graph stand-in that accepts only tokens the authority issued. Signing
// out holds the job with the reason shown and nothing more is sent; signing in again carries on, and every
// host is listed exactly once.
import { describe, expect, it } from 'vitest';
import type { BulkJobStatusView } from '../../../src-shared/bulk-views';
import { settle } from '../../support/fake-timers';
import { eventually } from '../../support/eventually';
import { call as callCore, useAppHarness } from './harness';

const held: (() => void)[] = [];
let passThrough = false;
const app = useAppHarness({
  name: 'bulk-signin',
  beforeTeardown: () => {
    passThrough = true;
    for (const release of held.splice(0)) release();
  },
});

const HOSTS = Array.from({ length: 6 }, (_, i) => `10.7.0.${i + 1}`);

describe('a bulk job across sign-out and sign-in (real wiring)', () => {
  it('holds on sign-out with the reason, sends nothing while signed out, and resumes after sign-in', async () => {
    const e = await app.entra();
    const g = await app.graph({ scenarios: false, hostPorts: {}, acceptToken: (t) => e.issuedTokens.access.includes(t) });
    g.setFault(/\/hosts\/10\.7\./, { kind: 'hold', until: () => (passThrough ? Promise.resolve() : new Promise<void>((r) => held.push(r))) });
    const c = await app.signInCore(e, g);
    const call = (channel: string, payload: unknown = {}) => callCore(c, channel, payload);
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
