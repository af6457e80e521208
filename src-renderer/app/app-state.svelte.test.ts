import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AppInfoView, AuthStatusView, LinkTarget } from '../../src-shared/contract';
import { FakeApi, err, ok } from '../../test/support/fake-renderer-api';
import { AppState } from './app-state.svelte';

let api = new FakeApi();
vi.mock('../lib/api', () => ({ call: (c: never, r: never) => api.call(c, r), newRequestId: () => api.newRequestId() }));

const info = (over: Partial<AppInfoView> = {}): AppInfoView =>
  ({ version: '1', source: 'graph', preview: true, cloud: 'global', graphRoot: 'https://graph.example', online: true, storageNotices: [], ...over }) as AppInfoView;
const auth = (over: Partial<AuthStatusView> = {}): AuthStatusView =>
  ({ mode: 'msal', configured: true, signedIn: true, active: { homeAccountId: 'h1', username: 'ana@contoso.example', name: 'Ana' }, accounts: [], signInInProgress: false, cacheWarning: null, ...over }) as AuthStatusView;

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) } as Storage;
}

beforeEach(() => {
  api = new FakeApi();
  vi.stubGlobal('localStorage', memoryStorage());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('AppState', () => {
  test('load reads app:info and auth:status; the header label and demo flag derive from them', async () => {
    api.on('app:info', () => ok(info({ source: 'demo' }))).on('auth:status', () => ok(auth()));
    const s = new AppState();
    await s.load();
    expect(s.isDemo).toBe(true);
    expect(s.accountLabel).toBe('Ana (ana@contoso.example)');
    expect(s.canLookUp).toBe(true);
    expect(s.screen).toBe('lookup');
  });

  test('offline with saved snapshots it opens on History, unless the analyst already moved', async () => {
    api.on('app:info', () => ok(info({ online: false }))).on('auth:status', () => ok(auth()));
    api.on('history:list', () => ok({ items: [], total: 3 }) as never);
    const s = new AppState();
    await s.load();
    expect(s.screen).toBe('history');

    const moved = new AppState();
    api.hold('history:list');
    const loading = moved.load();
    await vi.waitFor(() => expect(api.held('history:list')).toHaveLength(1));
    moved.show('settings');
    api.held('history:list')[0]?.answer(ok({ items: [], total: 3 }) as never);
    await loading;
    expect(moved.screen).toBe('settings');
  });

  test('a failed sign-in is kept for the panel; a cancelled one is not an error', async () => {
    const s = new AppState();
    api.on('auth:signIn', () => err({ kind: 'cancelled', message: 'closed' }));
    expect(await s.signIn()).toBe(false);
    expect(s.authError).toBeNull();
    api.on('auth:signIn', () => err({ kind: 'network', message: 'down' }));
    await s.signIn();
    expect(s.authError?.kind).toBe('network');
    expect(s.signingIn).toBe(false);
  });

  test('"Sign in again" follows the watched lookup and goes once a sign-in completes after it', async () => {
    api.on('app:info', () => ok(info())).on('auth:status', () => ok(auth()));
    const s = new AppState();
    await s.load();
    const lookup = $state({ error: null as null | { kind: 'signInRequired'; message: string }, startedAt: 0 });
    s.follow(lookup);
    expect(s.signInPrompt).toBeNull();
    lookup.error = { kind: 'signInRequired', message: 'expired' };
    lookup.startedAt = 1_000;
    flushSync();
    expect(s.signInPrompt?.kind).toBe('signInRequired');
    api.on('auth:signIn', () => ok(auth()));
    const clock = vi.spyOn(Date, 'now').mockReturnValue(2_000);
    await s.signIn();
    clock.mockRestore();
    expect(s.signInPrompt).toBeNull();
  });

  test('the newest pending link is looked up on the Lookup screen; a refused one says why', async () => {
    const target: LinkTarget = { kind: 'hostPort', host: 'example.com', port: 443 };
    api.on('app:pendingLinks', () => ok({ links: [{ ok: false, message: 'old' }, { ok: true, target }] }));
    const s = new AppState();
    s.show('history');
    const looked: LinkTarget[] = [];
    await s.openPendingLinks(async (t) => void looked.push(t));
    expect(looked).toEqual([target]);
    expect(s.screen).toBe('lookup');

    api.on('app:pendingLinks', () => ok({ links: [{ ok: false, message: 'Not a portolan link.' }] }));
    await s.openPendingLinks(async (t) => void looked.push(t));
    expect(s.linkRefusal).toBe('Not a portolan link.');
    expect(looked).toHaveLength(1);
  });

  test('the first-run guide shows while unconfigured and stays dismissed across restarts', async () => {
    api.on('app:info', () => ok(info({ source: 'demo', demoReason: 'notConfigured' }))).on('auth:status', () => ok(auth({ mode: 'demo', signedIn: false, active: null })));
    const s = new AppState();
    await s.load();
    expect(s.firstRun).toBe(true);
    s.dismissFirstRun();
    expect(s.firstRun).toBe(false);
    const again = new AppState();
    await again.load();
    expect(again.firstRun).toBe(false);
  });
});
