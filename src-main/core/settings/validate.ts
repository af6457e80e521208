// Field-by-field checks for settings. Each check returns the normalised value or throws
// fail('invalidInput', …) with a stable code and the settings key as `field`, so the settings view shows the
// message next to that input without reading it.
import { ERROR_CODES, type ErrorCode } from '../../../src-shared/error-codes';
import type { CloudId, ProxyMode, SettingKey, SettingsView, ThemeChoice } from '../../../src-shared/views';
import { fail, type PortolanFailure } from '../failure';
import { checkProxySetting } from '../net/proxy-settings';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A DNS name with at least two labels (contoso.onmicrosoft.com, contoso.com). Entra accepts any verified domain.
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const CLOUDS: readonly CloudId[] = ['global', 'usGovL4', 'usGovL5', 'china', 'custom'];
const PROXY_MODES: readonly ProxyMode[] = ['system', 'direct', 'manual', 'pac'];
const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

function invalid(field: SettingKey, code: ErrorCode, message: string): PortolanFailure {
  return fail('invalidInput', message, { code, field });
}

const C = ERROR_CODES;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export function validateClientId(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalid('clientId', C.SETTINGS_INVALID_CLIENT_ID, 'The application (client) ID must be text.');
  const v = value.trim();
  if (v === '') return null;
  if (!isGuid(v)) {
    throw invalid(
      'clientId',
      C.SETTINGS_INVALID_CLIENT_ID,
      'The application (client) ID must be a GUID such as 00000000-0000-0000-0000-000000000000 (copy it from the app registration\'s Overview page).',
    );
  }
  return v.toLowerCase();
}

export function validateTenant(value: unknown): string {
  if (typeof value !== 'string') throw invalid('tenant', C.SETTINGS_INVALID_TENANT, 'The tenant must be text.');
  const v = value.trim();
  const lower = v.toLowerCase();
  if (v === '') throw invalid('tenant', C.SETTINGS_INVALID_TENANT, "The tenant cannot be empty: use 'organizations', a tenant ID (GUID) or a domain.");
  if (lower === 'consumers') {
    // The threat intelligence API is for work or school accounts only.
    throw invalid(
      'tenant',
      C.SETTINGS_PERSONAL_ACCOUNTS_TENANT,
      "'consumers' (personal Microsoft accounts) is not supported: the threat intelligence API needs a work or school account. Use 'organizations', your tenant ID (GUID) or your tenant's domain.",
    );
  }
  if (lower === 'organizations' || lower === 'common') return lower;
  if (isGuid(v)) return lower;
  if (DOMAIN.test(v)) return lower;
  throw invalid(
    'tenant',
    C.SETTINGS_INVALID_TENANT,
    `"${v.slice(0, 80)}" is not a tenant: use 'organizations', 'common', a tenant ID (GUID) or a domain such as contoso.onmicrosoft.com.`,
  );
}

export function validateCloud(value: unknown): CloudId {
  if (typeof value === 'string' && (CLOUDS as readonly string[]).includes(value)) return value as CloudId;
  throw invalid('cloud', C.SETTINGS_INVALID_CLOUD, `Unknown cloud "${String(value).slice(0, 40)}": choose Global, US Government L4, US Government L5 (DoD), China (21Vianet) or Custom.`);
}

function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === '127.0.0.1' || h === 'localhost';
}

/**
 * A custom cloud URL. https is required; 127.0.0.1/localhost may also use http for the Graph root, so
 * local stand-ins work without a certificate. The authority must be https even on loopback because
 * msal-node refuses any other authority.
 */
export function validateServiceUrl(value: unknown, what: 'authority' | 'graphRoot'): string | null {
  const [field, code] = what === 'authority' ? (['customAuthority', C.SETTINGS_INVALID_CUSTOM_AUTHORITY] as const) : (['customGraphRoot', C.SETTINGS_INVALID_CUSTOM_GRAPH_ROOT] as const);
  const refuse = (message: string) => invalid(field, code, message);
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw refuse(`The ${label(what)} must be text.`);
  const v = value.trim();
  if (v === '') return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw refuse(`The ${label(what)} "${v.slice(0, 120)}" is not a valid URL.`);
  }
  const httpOk = what === 'graphRoot' && url.protocol === 'http:' && isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !httpOk) {
    throw refuse(
      what === 'authority'
        ? `The ${label(what)} must start with https:// (the Microsoft sign-in library accepts nothing else).`
        : `The ${label(what)} must start with https:// (http is accepted only for 127.0.0.1 or localhost).`,
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw refuse(`The ${label(what)} must start with https://.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw refuse(`The ${label(what)} must be a plain URL without credentials, query or fragment.`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function label(what: 'authority' | 'graphRoot'): string {
  return what === 'authority' ? 'custom sign-in authority' : 'custom Graph service root';
}

function validateRetention(value: unknown, field: SettingKey, code: ErrorCode, name: string, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(field, code, `${name} must be a whole number from 1 to ${max}, or empty for no limit.`);
  }
  return value;
}

function validateBoolean(value: unknown, field: SettingKey, code: ErrorCode, name: string): boolean {
  if (typeof value !== 'boolean') throw invalid(field, code, `${name} must be on or off.`);
  return value;
}

/** Validates one field. Unknown fields are refused, so a typo cannot silently do nothing. */
export function validateField<K extends keyof SettingsView>(key: K, value: unknown): SettingsView[K] {
  const out = ((): unknown => {
    switch (key) {
      case 'cloud':
        return validateCloud(value);
      case 'customAuthority':
        return validateServiceUrl(value, 'authority');
      case 'customGraphRoot':
        return validateServiceUrl(value, 'graphRoot');
      case 'tenant':
        return validateTenant(value);
      case 'clientId':
        return validateClientId(value);
      case 'apiVersion':
        if (value === 'v1.0' || value === 'beta') return value;
        throw invalid('apiVersion', C.SETTINGS_INVALID_API_VERSION, "The Graph API version must be 'v1.0' or 'beta'.");
      case 'saveHistory':
        return validateBoolean(value, 'saveHistory', C.SETTINGS_INVALID_SAVE_HISTORY, 'Save history');
      case 'retentionPerHostPort':
        return validateRetention(value, 'retentionPerHostPort', C.SETTINGS_INVALID_RETENTION_PER_HOST_PORT, 'Snapshots kept per host port', 100000);
      case 'retentionDays':
        return validateRetention(value, 'retentionDays', C.SETTINGS_INVALID_RETENTION_DAYS, 'Days to keep snapshots', 36500);
      case 'allowWeakCacheEncryption':
        return validateBoolean(value, 'allowWeakCacheEncryption', C.SETTINGS_INVALID_ALLOW_WEAK_CACHE_ENCRYPTION, 'Keep the token cache on disk with weak encryption');
      case 'proxyMode':
        if (typeof value === 'string' && (PROXY_MODES as readonly string[]).includes(value)) return value;
        throw invalid('proxyMode', C.SETTINGS_INVALID_PROXY_MODE, 'Choose System proxy, No proxy, Manual proxy or PAC script.');
      case 'proxyUrl':
        return validateProxyUrl(value);
      case 'theme':
        if (typeof value === 'string' && (THEMES as readonly string[]).includes(value)) return value;
        throw invalid('theme', C.SETTINGS_INVALID_THEME, 'Choose System, Light or Dark.');
      default:
        throw fail('invalidInput', `Unknown setting "${String(key).slice(0, 60)}".`, { code: C.SETTINGS_UNKNOWN_SETTING });
    }
  })();
  return out as SettingsView[K];
}

/** The URL text alone (whether it fits the mode is a whole-settings rule): trimmed, empty = none. */
function validateProxyUrl(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalid('proxyUrl', C.PROXY_URL_INVALID, 'The proxy URL must be text.');
  const v = value.trim();
  return v === '' ? null : v;
}

/** Rules that span fields; only checked when the user changes settings, not for preview overrides. */
export function validateWhole(view: SettingsView): void {
  // A URL that does not fit the mode (none for manual, credentials in it) is refused with field 'proxyUrl'.
  checkProxySetting(view.proxyMode, view.proxyUrl);
  if (view.cloud === 'custom') {
    if (!view.customAuthority) {
      throw invalid('customAuthority', C.SETTINGS_MISSING_CUSTOM_AUTHORITY, 'The custom cloud needs a sign-in authority URL (https://…).');
    }
    if (!view.customGraphRoot) {
      throw invalid('customGraphRoot', C.SETTINGS_MISSING_CUSTOM_GRAPH_ROOT, 'The custom cloud needs a Graph service root URL (https://…).');
    }
  }
}
