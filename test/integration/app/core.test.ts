// The composition root as the preview and the shell use it: real settings, history on disk (conf), the
// node transport and the Graph client against a local Graph-shaped server. Only the browser is stubbed.
import { describe, expect, it } from 'vitest';
import type { CoreOptions } from '../../../src-main/core/app-options';
import { apiRequests, call, useAppHarness } from './harness';

const app = useAppHarness({ name: 'core' });
const core = (extra: Partial<CoreOptions> = {}) => app.core(extra);
const graph = (token: string) => app.graph({ requireToken: token });

describe('createCore', () => {
  it('with a static token: looks up through the Graph root, saves a snapshot, and reads it back', async () => {
    const g = await graph('static-token');
    const c = await core({ staticToken: 'static-token', overrides: { graphBaseUrl: g.url } });
    const info = await call(c, 'app:info');
    expect(info).toMatchObject({ ok: true, value: { source: 'token', graphRoot: g.url, online: true } });

    const r = await call(c, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as { snapshotId: string | null; rawId: string; hostPort: { banners: unknown[] } };
    expect(value.snapshotId).toEqual(expect.any(String));
    // The body comes apart from the result, exactly as Graph sent it (the seed's example wraps it in "value").
    const raw = await call(c, 'lookup:raw', { rawId: value.rawId });
    if (!raw.ok) throw new Error(raw.error.message);
    expect(JSON.parse((raw.value as { raw: string }).raw)).toHaveProperty('value');
    expect(apiRequests(g).every((q) => q.headers.authorization === 'Bearer static-token')).toBe(true);
    // The reachability probe (GET of the service root) carries no token at all.
    expect(g.requests.filter((q) => q.url === '/').every((q) => q.headers.authorization === undefined)).toBe(true);

    const list = await call(c, 'history:list', {});
    expect(list).toMatchObject({ ok: true, value: { total: 1, items: [{ host: '85.13.139.18', port: 21, snapshotCount: 1 }] } });
  });

  it('when Graph goes away: app:info says offline, and a lookup offers the saved snapshot', async () => {
    const g = await graph('t');
    const c = await core({ staticToken: 't', overrides: { graphBaseUrl: g.url } });
    const first = await call(c, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    expect(first.ok).toBe(true);
    await g.close();
    // A new core: the reachability answer is cached per core for a few seconds.
    const again = await core({ staticToken: 't', overrides: { graphBaseUrl: g.url } });
    expect(await call(again, 'app:info')).toMatchObject({ ok: true, value: { online: false } });
    const r = await call(again, 'lookup:run', { requestId: 'r2', host: '85.13.139.18', port: 21 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toMatch(/network|offline/);
    expect(r.error.savedSnapshotId).toEqual(expect.any(String));
  });

  it('a static token Graph rejects asks for a fresh token instead of retrying forever', async () => {
    const g = await graph('the-right-one');
    const c = await core({ staticToken: 'a-wrong-one', overrides: { graphBaseUrl: g.url } });
    const r = await call(c, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(JSON.stringify(r)).not.toContain('a-wrong-one');
  });

  it('with nothing configured: the demo source answers with no network at all', async () => {
    const c = await core();
    expect(await call(c, 'app:info')).toMatchObject({ ok: true, value: { source: 'demo', online: true } });
    expect(await call(c, 'auth:status')).toMatchObject({ ok: true, value: { mode: 'demo', signedIn: false } });
    const r = await call(c, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    expect(r.ok).toBe(true);
    // Sign-in without a client ID explains what to configure.
    const s = await call(c, 'auth:signIn');
    expect(s).toMatchObject({ ok: false, error: { kind: 'notConfigured' } });
    if (!s.ok) expect(s.error.message).toMatch(/client\) ID/);
  });

  it('a client ID saved in settings switches to sign-in, and an invalid one is refused with a clear message', async () => {
    const g = await graph('unused');
    const c = await core({ overrides: { graphBaseUrl: g.url } });
    const bad = await call(c, 'settings:set', { clientId: 'not-a-guid' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
    const good = await call(c, 'settings:set', { clientId: '6a2b1c3d-0000-4000-8000-00000000c11e' });
    expect(good.ok).toBe(true);
    expect(await call(c, 'auth:status')).toMatchObject({ ok: true, value: { mode: 'msal', configured: true, signedIn: false } });
    expect(await call(c, 'app:info')).toMatchObject({ ok: true, value: { source: 'graph', graphRoot: g.url } });
    // Signed out: a lookup asks for sign-in and never reaches Graph.
    const r = await call(c, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'signInRequired' } });
    expect(apiRequests(g)).toHaveLength(0);
  });

  it('--authority alone keeps a working cloud: its sign-in authority with the global Graph root', async () => {
    const c = await core({ overrides: { authority: 'https://127.0.0.1:9', clientId: '6a2b1c3d-0000-4000-8000-00000000c11e' } });
    expect(c.authority()).toBe('https://127.0.0.1:9');
    expect(await call(c, 'auth:status')).toMatchObject({ ok: true, value: { mode: 'msal', configured: true } });
    const settingsView = await call(c, 'settings:get');
    expect(settingsView).toMatchObject({ ok: true, value: { cloud: 'custom', customAuthority: 'https://127.0.0.1:9' } });
  });

  it('preview flags win over saved settings, so the renderer cannot point Graph calls elsewhere', async () => {
    const g = await graph('t');
    const c = await core({ staticToken: 't', overrides: { graphBaseUrl: g.url } });
    // The renderer cannot widen the allow-list: the override wins over a saved custom root.
    await call(c, 'settings:set', { cloud: 'custom', customGraphRoot: 'https://graph.example.net' });
    expect(await call(c, 'app:info')).toMatchObject({ ok: true, value: { graphRoot: g.url } });
  });
});
