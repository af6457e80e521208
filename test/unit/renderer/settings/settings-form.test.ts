import { describe, expect, it } from 'vitest';
import { PortolanFailure } from '../../../../src-main/core/failure';
import { DEFAULT_SETTINGS } from '../../../../src-main/core/settings';
import { validateField, validateWhole } from '../../../../src-main/core/settings/validate';
import { parseRequest, type PortolanError, type SettingKey, type SettingsView } from '../../../../src-shared/contract';
import { ERROR_CODES, type ErrorCode } from '../../../../src-shared/error-codes';
import { buildPatch, CLOUD_OPTIONS, draftFrom, fieldOfError, overrideFlag, showCacheOptIn } from '../../../../src-renderer/features/settings/settings-form';

const saved: SettingsView = { ...DEFAULT_SETTINGS };

function errorOf(run: () => unknown): PortolanError {
  try {
    run();
  } catch (err) {
    if (err instanceof PortolanFailure) return err.error;
    throw err;
  }
  throw new Error('expected a validation failure');
}

describe('draftFrom / buildPatch', () => {
  it('an untouched draft sends nothing', () => {
    expect(buildPatch(draftFrom(saved), saved)).toEqual({ patch: {}, problems: {} });
  });

  it('sends only what changed, with text turned into the contract types', () => {
    const draft = { ...draftFrom(saved), clientId: ' 6a2b1c3d-0000-4000-8000-00000000c11e ', retentionDays: '30', saveHistory: false };
    expect(buildPatch(draft, saved)).toEqual({
      patch: { clientId: '6a2b1c3d-0000-4000-8000-00000000c11e', retentionDays: 30, saveHistory: false },
      problems: {},
    });
  });

  it('empty text means "not set": a cleared client ID and cleared limits become null', () => {
    const withValues: SettingsView = { ...saved, clientId: '6a2b1c3d-0000-4000-8000-00000000c11e', retentionPerHostPort: 5, retentionDays: 9 };
    const draft = { ...draftFrom(withValues), clientId: '   ', retentionPerHostPort: '', retentionDays: ' ' };
    expect(buildPatch(draft, withValues).patch).toEqual({ clientId: null, retentionPerHostPort: null, retentionDays: null });
  });

  it('custom endpoints are sent only with the Custom cloud, so a half-typed one cannot block another cloud', () => {
    const typed = { ...draftFrom(saved), cloud: 'custom' as const, customAuthority: 'http://login.example.com', customGraphRoot: 'https://graph.example.com' };
    expect(buildPatch(typed, saved).patch).toMatchObject({ cloud: 'custom', customAuthority: 'http://login.example.com' });
    const switched = { ...typed, cloud: 'usGovL4' as const };
    expect(buildPatch(switched, saved).patch).toEqual({ cloud: 'usGovL4' });
  });

  it('a limit that is not a whole number is a problem on that field, and is not sent', () => {
    for (const bad of ['12a', '-1', '1.5', '1e3', '9999999999']) {
      const { patch, problems } = buildPatch({ ...draftFrom(saved), retentionPerHostPort: bad }, saved);
      expect(problems.retentionPerHostPort, bad).toMatch(/whole number/);
      expect(patch).not.toHaveProperty('retentionPerHostPort');
    }
  });

  it('leaves validation of GUIDs, tenants and URLs to main: they are sent as typed', () => {
    const draft = { ...draftFrom(saved), clientId: 'not-a-guid', tenant: '', cloud: 'custom' as const, customAuthority: 'http://x' };
    expect(buildPatch(draft, saved).patch).toEqual({ clientId: 'not-a-guid', tenant: '', cloud: 'custom', customAuthority: 'http://x' });
  });

  it('case-only differences are not changes (main lower-cases GUIDs and tenants)', () => {
    const withId: SettingsView = { ...saved, clientId: '6a2b1c3d-0000-4000-8000-00000000c11e' };
    const draft = { ...draftFrom(withId), clientId: '6A2B1C3D-0000-4000-8000-00000000C11E', tenant: 'Organizations' };
    expect(buildPatch(draft, withId).patch).toEqual({});
  });

  it('never sends a field a preview flag fixes', () => {
    const draft = { ...draftFrom(saved), clientId: '6a2b1c3d-0000-4000-8000-00000000c11e', tenant: 'contoso.com', apiVersion: 'beta' as const };
    expect(buildPatch(draft, saved, ['clientId', 'tenant']).patch).toEqual({ apiVersion: 'beta' });
  });

  it('every patch it builds passes the contract schema', () => {
    const draft = {
      ...draftFrom(saved),
      cloud: 'usGovL5' as const,
      clientId: '6a2b1c3d-0000-4000-8000-00000000c11e',
      retentionPerHostPort: '100',
      retentionDays: '365',
      allowWeakCacheEncryption: true,
    };
    const { patch } = buildPatch(draft, saved);
    expect(parseRequest('settings:set', patch).ok).toBe(true);
  });
});

describe('fieldOfError: main errors land next to their field, by code and field, not by wording', () => {
  const C = ERROR_CODES;
  const cases: [SettingKey, ErrorCode, () => unknown][] = [
    ['clientId', C.SETTINGS_INVALID_CLIENT_ID, () => validateField('clientId', 'not-a-guid')],
    ['clientId', C.SETTINGS_INVALID_CLIENT_ID, () => validateField('clientId', 42)],
    ['tenant', C.SETTINGS_INVALID_TENANT, () => validateField('tenant', '')],
    ['tenant', C.SETTINGS_PERSONAL_ACCOUNTS_TENANT, () => validateField('tenant', 'consumers')],
    ['tenant', C.SETTINGS_INVALID_TENANT, () => validateField('tenant', 'not a tenant!')],
    ['customAuthority', C.SETTINGS_INVALID_CUSTOM_AUTHORITY, () => validateField('customAuthority', 'http://login.example.com')],
    ['customAuthority', C.SETTINGS_MISSING_CUSTOM_AUTHORITY, () => validateWhole({ ...saved, cloud: 'custom', customAuthority: null, customGraphRoot: 'https://g.example' })],
    ['customGraphRoot', C.SETTINGS_INVALID_CUSTOM_GRAPH_ROOT, () => validateField('customGraphRoot', 'ftp://graph.example.com')],
    ['customGraphRoot', C.SETTINGS_MISSING_CUSTOM_GRAPH_ROOT, () => validateWhole({ ...saved, cloud: 'custom', customAuthority: 'https://l.example', customGraphRoot: null })],
    ['retentionPerHostPort', C.SETTINGS_INVALID_RETENTION_PER_HOST_PORT, () => validateField('retentionPerHostPort', 0)],
    ['retentionDays', C.SETTINGS_INVALID_RETENTION_DAYS, () => validateField('retentionDays', 40000)],
    ['apiVersion', C.SETTINGS_INVALID_API_VERSION, () => validateField('apiVersion', 'v2')],
    ['cloud', C.SETTINGS_INVALID_CLOUD, () => validateField('cloud', 'mars')],
    ['saveHistory', C.SETTINGS_INVALID_SAVE_HISTORY, () => validateField('saveHistory', 'yes')],
    ['allowWeakCacheEncryption', C.SETTINGS_INVALID_ALLOW_WEAK_CACHE_ENCRYPTION, () => validateField('allowWeakCacheEncryption', 'yes')],
  ];
  it.each(cases)('%s (%s)', (field, code, run) => {
    const error = errorOf(run);
    expect(error).toMatchObject({ kind: 'invalidInput', code, field });
    expect(fieldOfError(error)).toBe(field);
  });

  it('the field is found whatever the message says', () => {
    const error = errorOf(() => validateField('clientId', 'not-a-guid'));
    expect(fieldOfError({ ...error, message: 'Reworded.' })).toBe('clientId');
  });

  it('contract errors name the key', () => {
    const r = parseRequest('settings:set', { clientId: 'x'.repeat(65) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: ERROR_CODES.REQUEST_INVALID, field: 'clientId' });
    if (!r.ok) expect(fieldOfError(r.error)).toBe('clientId');
    const days = parseRequest('settings:set', { retentionDays: 0 });
    if (!days.ok) expect(fieldOfError(days.error)).toBe('retentionDays');
  });

  it('anything else is a form-wide message', () => {
    expect(fieldOfError({ kind: 'storage', message: 'Could not save the settings in /x (EACCES).', code: 'EACCES' })).toBeNull();
    expect(fieldOfError({ kind: 'internal', message: 'Something went wrong inside Portolan.' })).toBeNull();
    expect(fieldOfError(errorOf(() => validateField('colour' as SettingKey, 'red')))).toBeNull();
    expect(fieldOfError({ kind: 'invalidInput', message: 'The proxy must be an http:// URL.', field: 'proxy' })).toBeNull();
  });
});

describe('showCacheOptIn', () => {
  const draft = draftFrom(saved);
  it('shows on a weak backend, and while the opt-in is on (saved or being turned on)', () => {
    expect(showCacheOptIn({ weakCacheEncryption: true }, saved, draft)).toBe(true);
    expect(showCacheOptIn({}, { ...saved, allowWeakCacheEncryption: true }, draft)).toBe(true);
    expect(showCacheOptIn({}, saved, { ...draft, allowWeakCacheEncryption: true })).toBe(true);
  });
  it('hides where the cache is encrypted well, even when another cache notice is shown', () => {
    expect(showCacheOptIn({}, saved, draft)).toBe(false);
    expect(showCacheOptIn(null, saved, draft)).toBe(false);
  });
});

describe('labels', () => {
  it('offers the five clouds by the names the issue uses', () => {
    expect(CLOUD_OPTIONS.map((c) => c.label)).toEqual(['Global', 'US Government L4', 'US Government L5 (DoD)', 'China (21Vianet)', 'Custom']);
  });

  it('names the preview flag behind each fixed field', () => {
    expect(overrideFlag('clientId')).toBe('--client-id');
    expect(overrideFlag('tenant')).toBe('--tenant');
    expect(overrideFlag('customAuthority')).toBe('--authority');
    expect(overrideFlag('cloud')).toBe('--authority');
    expect(overrideFlag('customGraphRoot')).toBe('--graph-base-url');
  });
});
