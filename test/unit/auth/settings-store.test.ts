import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortolanFailure } from '../../../src-main/core/failure';
import { createSettingsStore, DEFAULT_SETTINGS, SETTINGS_FILE } from '../../../src-main/core/settings';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import type { PortolanError } from '../../../src-shared/views';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-settings-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function invalid(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PortolanFailure);
    expect((err as PortolanFailure).error.kind).toBe('invalidInput');
    return (err as PortolanFailure).error.message;
  }
  throw new Error('expected invalidInput');
}

const GUID = '6a2b1c3d-0000-4000-8000-00000000c11e';

async function refusal(fn: () => Promise<unknown>): Promise<Pick<PortolanError, 'kind' | 'code' | 'field'>> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof PortolanFailure)) throw err;
    const { kind, code, field } = err.error;
    return { kind, code, field };
  }
  throw new Error('expected a refusal');
}

describe('settings store', () => {
  it('starts with the documented defaults and no file', async () => {
    const store = await createSettingsStore(dir);
    expect(store.get()).toEqual({
      cloud: 'global',
      customAuthority: null,
      customGraphRoot: null,
      tenant: 'organizations',
      clientId: null,
      apiVersion: 'v1.0',
      saveHistory: true,
      retentionPerHostPort: null,
      retentionDays: null,
      allowWeakCacheEncryption: false,
      proxyMode: 'system',
      proxyUrl: null,
      theme: 'system',
    });
    expect(store.notices).toEqual([]);
    expect(fs.existsSync(path.join(dir, SETTINGS_FILE))).toBe(false);
  });

  it('saves valid changes, normalises them, and reads them back after a restart', async () => {
    const store = await createSettingsStore(dir);
    const view = await store.update({ clientId: ` ${GUID.toUpperCase()} `, tenant: 'Contoso.OnMicrosoft.com', apiVersion: 'beta', retentionDays: 30 });
    expect(view).toMatchObject({ clientId: GUID, tenant: 'contoso.onmicrosoft.com', apiVersion: 'beta', retentionDays: 30 });
    expect((await createSettingsStore(dir)).get()).toEqual(view);
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([SETTINGS_FILE]); // the temp file was renamed, not left behind
  });

  it('accepts the tenant forms Entra accepts', async () => {
    const store = await createSettingsStore(dir);
    for (const t of ['organizations', 'common', 'COMMON', '11111111-1111-4111-8111-111111111111', 'contoso.com', 'contoso.onmicrosoft.com']) {
      await expect(store.update({ tenant: t })).resolves.toMatchObject({ tenant: t.toLowerCase() });
    }
  });

  it("rejects 'consumers' with an explanation, and other non-tenants", async () => {
    const store = await createSettingsStore(dir);
    expect(await invalid(() => store.update({ tenant: 'consumers' }))).toMatch(/personal Microsoft accounts.*not supported.*work or school/);
    expect(await invalid(() => store.update({ tenant: '' }))).toMatch(/cannot be empty/);
    expect(await invalid(() => store.update({ tenant: 'not a tenant' }))).toMatch(/is not a tenant/);
    expect(await invalid(() => store.update({ tenant: 'contoso' }))).toMatch(/is not a tenant/);
    expect(store.get().tenant).toBe('organizations'); // nothing changed
  });

  it('requires the client ID to be a GUID when set, and lets it be cleared', async () => {
    const store = await createSettingsStore(dir);
    expect(await invalid(() => store.update({ clientId: 'my-app' }))).toMatch(/must be a GUID/);
    expect(await invalid(() => store.update({ clientId: `${GUID}x` }))).toMatch(/must be a GUID/);
    await store.update({ clientId: GUID });
    expect((await store.update({ clientId: '' })).clientId).toBeNull();
    expect((await store.update({ clientId: GUID })).clientId).toBe(GUID);
    expect((await store.update({ clientId: null })).clientId).toBeNull();
  });

  it('checks custom cloud URLs: https, or http only for the loopback Graph root', async () => {
    const store = await createSettingsStore(dir);
    expect(await invalid(() => store.update({ cloud: 'custom' }))).toMatch(/needs a sign-in authority/);
    expect(await invalid(() => store.update({ cloud: 'custom', customAuthority: 'https://login.example.com' }))).toMatch(/needs a Graph service root/);
    expect(await invalid(() => store.update({ customAuthority: 'http://login.example.com' }))).toMatch(/must start with https/);
    expect(await invalid(() => store.update({ customAuthority: 'http://127.0.0.1:8443' }))).toMatch(/must start with https/);
    expect(await invalid(() => store.update({ customGraphRoot: 'http://graph.example.com' }))).toMatch(/127\.0\.0\.1 or localhost/);
    expect(await invalid(() => store.update({ customGraphRoot: 'ftp://graph.example.com' }))).toMatch(/https/);
    expect(await invalid(() => store.update({ customGraphRoot: 'https://user:pw@graph.example.com' }))).toMatch(/without credentials/);
    expect(await invalid(() => store.update({ customGraphRoot: 'https://graph.example.com/?x=1' }))).toMatch(/query/);
    expect(await invalid(() => store.update({ customAuthority: 'not a url' }))).toMatch(/not a valid URL/);

    const view = await store.update({ cloud: 'custom', customAuthority: 'https://127.0.0.1:8443/', customGraphRoot: 'http://localhost:9000/' });
    expect(view).toMatchObject({ cloud: 'custom', customAuthority: 'https://127.0.0.1:8443', customGraphRoot: 'http://localhost:9000' });
  });

  it('rejects unknown keys, unknown clouds and out-of-range numbers', async () => {
    const store = await createSettingsStore(dir);
    expect(await invalid(() => store.update({ colour: 'blue' } as never))).toMatch(/Unknown setting "colour"/);
    expect(await invalid(() => store.update({ cloud: 'mars' as never }))).toMatch(/Unknown cloud/);
    expect(await invalid(() => store.update({ retentionDays: 0 }))).toMatch(/1 to 36500/);
    expect(await invalid(() => store.update({ retentionPerHostPort: 1.5 }))).toMatch(/whole number/);
    expect(await invalid(() => store.update({ saveHistory: 'yes' as never }))).toMatch(/on or off/);
  });

  it('every refusal carries a stable code, and the settings key it is about as field', async () => {
    const store = await createSettingsStore(dir);
    const C = ERROR_CODES;
    expect(await refusal(() => store.update({ colour: 'blue' } as never))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_UNKNOWN_SETTING, field: undefined });
    expect(await refusal(() => store.update(null as never))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_NOT_AN_OBJECT, field: undefined });
    expect(await refusal(() => store.update({ clientId: 'nope' }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_CLIENT_ID, field: 'clientId' });
    expect(await refusal(() => store.update({ tenant: 'consumers' }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_PERSONAL_ACCOUNTS_TENANT, field: 'tenant' });
    expect(await refusal(() => store.update({ tenant: 'not a tenant' }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_TENANT, field: 'tenant' });
    expect(await refusal(() => store.update({ cloud: 'mars' as never }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_CLOUD, field: 'cloud' });
    expect(await refusal(() => store.update({ cloud: 'custom' }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_MISSING_CUSTOM_AUTHORITY, field: 'customAuthority' });
    expect(await refusal(() => store.update({ cloud: 'custom', customAuthority: 'https://login.example' }))).toEqual({
      kind: 'invalidInput',
      code: C.SETTINGS_MISSING_CUSTOM_GRAPH_ROOT,
      field: 'customGraphRoot',
    });
    expect(await refusal(() => store.update({ customAuthority: 'http://login.example' }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_CUSTOM_AUTHORITY, field: 'customAuthority' });
    expect(await refusal(() => store.update({ customGraphRoot: 'not a url' }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_CUSTOM_GRAPH_ROOT, field: 'customGraphRoot' });
    expect(await refusal(() => store.update({ apiVersion: 'v2' as never }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_API_VERSION, field: 'apiVersion' });
    expect(await refusal(() => store.update({ saveHistory: 'yes' as never }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_SAVE_HISTORY, field: 'saveHistory' });
    expect(await refusal(() => store.update({ retentionPerHostPort: 0 }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_RETENTION_PER_HOST_PORT, field: 'retentionPerHostPort' });
    expect(await refusal(() => store.update({ retentionDays: 1.5 }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_RETENTION_DAYS, field: 'retentionDays' });
    expect(await refusal(() => store.update({ allowWeakCacheEncryption: 1 as never }))).toEqual({
      kind: 'invalidInput',
      code: C.SETTINGS_INVALID_ALLOW_WEAK_CACHE_ENCRYPTION,
      field: 'allowWeakCacheEncryption',
    });
    expect(await refusal(() => createSettingsStore(dir, { overrides: { clientId: 'nope' } }))).toEqual({ kind: 'invalidInput', code: C.SETTINGS_INVALID_CLIENT_ID, field: 'clientId' });
  });

  it('moves a corrupt file aside (never deletes it), uses defaults and says so', async () => {
    const file = path.join(dir, SETTINGS_FILE);
    fs.writeFileSync(file, '{ "settings": { "clientId": ');
    const store = await createSettingsStore(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatch(/not valid JSON.*kept as settings\.corrupt-/);
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith('settings.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, kept[0]!), 'utf8')).toBe('{ "settings": { "clientId": ');
    expect(fs.existsSync(file)).toBe(false);
    // And the store still works.
    await store.update({ clientId: GUID });
    expect((await createSettingsStore(dir)).get().clientId).toBe(GUID);
  });

  it('keeps the valid fields of a file with one bad value, and keeps the original aside', async () => {
    const file = path.join(dir, SETTINGS_FILE);
    fs.writeFileSync(file, JSON.stringify({ version: 1, settings: { clientId: GUID, tenant: 'consumers', saveHistory: false } }));
    const store = await createSettingsStore(dir);
    expect(store.get()).toMatchObject({ clientId: GUID, tenant: 'organizations', saveHistory: false });
    expect(store.notices[0]).toMatch(/reset: tenant/);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
  });

  it('treats a file of the wrong shape as corrupt', async () => {
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), '[1,2,3]');
    const store = await createSettingsStore(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.notices[0]).toMatch(/expected shape/);
  });

  it('applies preview overrides on top without saving them', async () => {
    const store = await createSettingsStore(dir, {
      overrides: { authority: 'https://127.0.0.1:4443', graphRoot: 'http://127.0.0.1:9000', clientId: GUID, tenant: 'contoso.com' },
    });
    expect(store.get()).toMatchObject({
      cloud: 'custom',
      customAuthority: 'https://127.0.0.1:4443',
      customGraphRoot: 'http://127.0.0.1:9000',
      clientId: GUID,
      tenant: 'contoso.com',
    });
    expect(store.overridden().sort()).toEqual(['clientId', 'cloud', 'customAuthority', 'customGraphRoot', 'tenant']);
    const view = await store.update({ saveHistory: false });
    expect(view).toMatchObject({ saveHistory: false, clientId: GUID, cloud: 'custom' });
    const saved = JSON.parse(fs.readFileSync(store.file, 'utf8')) as { settings: Record<string, unknown> };
    expect(saved.settings).toMatchObject({ saveHistory: false, clientId: null, cloud: 'global', tenant: 'organizations', customAuthority: null });
    expect((await createSettingsStore(dir)).get().clientId).toBeNull();
  });

  it('refuses invalid overrides with the same messages', async () => {
    expect(await invalid(() => createSettingsStore(dir, { overrides: { tenant: 'consumers' } }))).toMatch(/not supported/);
    expect(await invalid(() => createSettingsStore(dir, { overrides: { authority: 'http://127.0.0.1:1' } }))).toMatch(/https/);
  });

  it('two saves that race both land, in call order, and a refused one between them changes nothing', async () => {
    const store = await createSettingsStore(dir);
    const first = store.update({ clientId: GUID });
    const refused = invalid(() => store.update({ tenant: 'consumers' }));
    const second = store.update({ saveHistory: false, apiVersion: 'beta' });
    const third = store.update({ apiVersion: 'v1.0' });
    await Promise.all([first, refused, second, third]);
    expect(store.get()).toMatchObject({ clientId: GUID, saveHistory: false, apiVersion: 'v1.0', tenant: 'organizations' });
    expect((await createSettingsStore(dir)).get()).toEqual(store.get());
  });

  it('reads the file once at start and serves later reads from memory', async () => {
    const store = await createSettingsStore(dir);
    await store.update({ clientId: GUID });
    fs.writeFileSync(store.file, 'not json any more');
    expect(store.get().clientId).toBe(GUID);
    expect(store.notices).toEqual([]);
  });

  it('reports a write failure as a storage error and keeps the previous settings', async () => {
    const blocked = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocked, 'x');
    const store = await createSettingsStore(path.join(blocked, 'sub'));
    try {
      await store.update({ clientId: GUID });
      throw new Error('expected a failure');
    } catch (err) {
      expect((err as PortolanFailure).error.kind).toBe('storage');
    }
    expect(store.get().clientId).toBeNull();
  });
});
