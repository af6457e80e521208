import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { SettingsView } from '../../../src-shared/contract';
import { FakeApi, err, ok } from '../../../test/support/fake-renderer-api';
import { SettingsState } from './settings-state.svelte';

let api = new FakeApi();
vi.mock('../../lib/api', () => ({ call: (c: never, r: never) => api.call(c, r), newRequestId: () => api.newRequestId() }));

const VIEW = {
  cloud: 'global',
  customAuthority: null,
  customGraphRoot: null,
  tenant: 'organizations',
  clientId: '11111111-2222-3333-4444-555555555555',
  apiVersion: 'v1.0',
  saveHistory: true,
  retentionPerHostPort: null,
  retentionDays: null,
  allowWeakCacheEncryption: false,
  proxyMode: 'system',
  proxyUrl: null,
  theme: 'system',
} as unknown as SettingsView;

async function loaded(view: SettingsView = VIEW): Promise<SettingsState> {
  api.on('settings:get', () => ok(view));
  const s = new SettingsState();
  await s.load();
  return s;
}

beforeEach(() => {
  api = new FakeApi();
});

describe('SettingsState', () => {
  test('load fills a draft the inputs bind to; editing it makes the form dirty, reverting makes it clean', async () => {
    const s = await loaded();
    expect(s.draft?.tenant).toBe('organizations');
    expect(s.dirty).toBe(false);
    s.draft!.tenant = 'contoso.example';
    expect(s.dirty).toBe(true);
    s.revert();
    expect(s.draft?.tenant).toBe('organizations');
    expect(s.dirty).toBe(false);
  });

  test('save sends only the changed fields and adopts what main returns', async () => {
    const s = await loaded();
    api.on('settings:set', (patch) => ok({ ...VIEW, ...patch } as SettingsView));
    s.draft!.tenant = 'contoso.example';
    s.draft!.retentionDays = '30';
    expect(await s.save()).toBe(true);
    expect(api.requests('settings:set')).toEqual([{ tenant: 'contoso.example', retentionDays: 30 }]);
    expect(s.saved?.tenant).toBe('contoso.example');
    expect(s.savedNotice).toBe('Settings saved.');
    expect(s.dirty).toBe(false);
    expect(s.saving).toBe(false);
  });

  test('a field the form can read as wrong is a problem and nothing is sent', async () => {
    const s = await loaded();
    s.draft!.retentionDays = 'ten';
    expect(await s.save()).toBe(false);
    expect(api.requests('settings:set')).toEqual([]);
    expect(s.problems.retentionDays).toBeTruthy();
  });

  test("main's refusal lands on the field it names, or on the form when it names none", async () => {
    const s = await loaded();
    s.draft!.clientId = 'not-a-guid';
    api.on('settings:set', () => err({ kind: 'invalidInput', message: 'Not an application ID.', code: 'SETTINGS_CLIENT_ID', field: 'clientId' } as never));
    await s.save();
    expect(s.problems).toEqual({ clientId: 'Not an application ID.' });
    expect(s.formError).toBeNull();
    api.on('settings:set', () => err({ kind: 'storage', message: 'disk full' }));
    await s.save();
    expect(s.formError?.kind).toBe('storage');
  });

  test('fields a preview flag fixes are locked and left out of the patch', async () => {
    const s = await loaded({ ...VIEW, overridden: ['tenant'] } as SettingsView);
    expect(s.isLocked('tenant')).toBe(true);
    expect(s.lockedBy('tenant')).toBe('--tenant');
    s.draft!.tenant = 'elsewhere.example';
    expect(await s.save()).toBe(false);
    expect(s.savedNotice).toMatch(/Nothing to save/);
    expect(api.requests('settings:set')).toEqual([]);
  });

  test('a failed load is kept for the panel', async () => {
    api.on('settings:get', () => err({ kind: 'storage', message: 'unreadable' }));
    const s = new SettingsState();
    await s.load();
    expect(s.loadError?.kind).toBe('storage');
    expect(s.draft).toBeNull();
  });
});
