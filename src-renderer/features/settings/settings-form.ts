// Pure logic of the settings form: the editable draft, the patch a save sends, and which field an error
// from main belongs to (its `field`). Main validates every value (GUIDs, tenants, URLs, ranges) and is the one
// source of those messages; the form only turns text into the types the contract expects.
import type { AuthStatusView, CloudId, PortolanError, ProxyMode, SettingKey, SettingsPatch, SettingsView, ThemeChoice } from '../../../src-shared/contract';

/** The clouds of the Get hostPort page; `hosts` are shown so the analyst can match them with their tenant. */
export const CLOUD_OPTIONS: readonly { id: CloudId; label: string; hosts: readonly string[] }[] = [
  { id: 'global', label: 'Global', hosts: ['login.microsoftonline.com', 'graph.microsoft.com'] },
  { id: 'usGovL4', label: 'US Government L4', hosts: ['login.microsoftonline.us', 'graph.microsoft.us'] },
  { id: 'usGovL5', label: 'US Government L5 (DoD)', hosts: ['login.microsoftonline.us', 'dod-graph.microsoft.us'] },
  { id: 'china', label: 'China (21Vianet)', hosts: ['login.chinacloudapi.cn', 'microsoftgraph.chinacloudapi.cn'] },
  { id: 'custom', label: 'Custom', hosts: ['an authority and a Graph endpoint', 'of your own'] },
];

/** What the inputs hold: text where the analyst types, so "12a" can be shown back with a problem. */
export interface SettingsDraft {
  cloud: CloudId;
  customAuthority: string;
  customGraphRoot: string;
  tenant: string;
  clientId: string;
  apiVersion: 'v1.0' | 'beta';
  saveHistory: boolean;
  retentionPerHostPort: string;
  retentionDays: string;
  allowWeakCacheEncryption: boolean;
  proxyMode: ProxyMode;
  proxyUrl: string;
  theme: ThemeChoice;
}

export type FieldProblems = Partial<Record<SettingKey, string>>;

/** Every settings key; `satisfies` keeps the list complete when SettingsView grows. */
const SETTING_KEYS = Object.keys({
  cloud: true,
  customAuthority: true,
  customGraphRoot: true,
  tenant: true,
  clientId: true,
  apiVersion: true,
  saveHistory: true,
  retentionPerHostPort: true,
  retentionDays: true,
  allowWeakCacheEncryption: true,
  proxyMode: true,
  proxyUrl: true,
  theme: true,
} satisfies Record<SettingKey, true>) as SettingKey[];

export function draftFrom(view: SettingsView): SettingsDraft {
  return {
    cloud: view.cloud,
    customAuthority: view.customAuthority ?? '',
    customGraphRoot: view.customGraphRoot ?? '',
    tenant: view.tenant,
    clientId: view.clientId ?? '',
    apiVersion: view.apiVersion,
    saveHistory: view.saveHistory,
    retentionPerHostPort: view.retentionPerHostPort === null ? '' : String(view.retentionPerHostPort),
    retentionDays: view.retentionDays === null ? '' : String(view.retentionDays),
    allowWeakCacheEncryption: view.allowWeakCacheEncryption,
    proxyMode: view.proxyMode,
    proxyUrl: view.proxyUrl ?? '',
    theme: view.theme,
  };
}

/** Whether the proxy URL field is in use for this choice (manual proxy or PAC script). */
export function proxyUrlInUse(mode: ProxyMode): boolean {
  return mode === 'manual' || mode === 'pac';
}

const KEEP_ALL = 'Enter a whole number, or leave it empty to keep everything.';

function optionalText(v: string): string | null {
  const t = v.trim();
  return t === '' ? null : t;
}

function optionalCount(v: string): { ok: true; value: number | null } | { ok: false } {
  const t = v.trim();
  if (t === '') return { ok: true, value: null };
  if (!/^\d{1,9}$/.test(t)) return { ok: false };
  return { ok: true, value: Number(t) };
}

/**
 * The fields that differ from what main last returned, minus those a preview flag fixes (saving them would
 * not change this run and would surprise the analyst later). Problems are only type conversions.
 */
export function buildPatch(
  draft: SettingsDraft,
  saved: SettingsView,
  locked: readonly SettingKey[] = [],
): { patch: SettingsPatch; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const next: Partial<Record<SettingKey, unknown>> = {
    cloud: draft.cloud,
    customAuthority: optionalText(draft.customAuthority),
    customGraphRoot: optionalText(draft.customGraphRoot),
    tenant: draft.tenant.trim(),
    clientId: optionalText(draft.clientId),
    apiVersion: draft.apiVersion,
    saveHistory: draft.saveHistory,
    allowWeakCacheEncryption: draft.allowWeakCacheEncryption,
    proxyMode: draft.proxyMode,
    proxyUrl: optionalText(draft.proxyUrl),
    theme: draft.theme,
  };
  for (const key of ['retentionPerHostPort', 'retentionDays'] as const) {
    const n = optionalCount(draft[key]);
    if (n.ok) next[key] = n.value;
    else problems[key] = KEEP_ALL;
  }
  // The custom endpoints are edited (and shown with their errors) only while Custom is chosen; with a
  // national cloud they are left as saved, so a half-typed custom URL cannot block saving another cloud.
  if (draft.cloud !== 'custom') {
    delete next.customAuthority;
    delete next.customGraphRoot;
  }
  // Likewise the proxy URL is kept as saved while System or No proxy is chosen.
  if (!proxyUrlInUse(draft.proxyMode)) delete next.proxyUrl;
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next) as [SettingKey, unknown][]) {
    if (locked.includes(key)) continue;
    // Main lower-cases GUIDs and tenants; comparing case-blind avoids saving "changes" that are not.
    const before = saved[key];
    const same = typeof value === 'string' && typeof before === 'string' ? value.toLowerCase() === before.toLowerCase() : value === before;
    if (!same) patch[key] = value;
  }
  return { patch: patch as SettingsPatch, problems };
}

/**
 * The field an error from settings:set is about, or null for a form-wide message. Main names it in `field` (a
 * settings validation failure, or the contract's check of the request); its message is only shown, never read.
 */
export function fieldOfError(error: PortolanError): SettingKey | null {
  if (error.kind !== 'invalidInput' || error.field === undefined) return null;
  return (SETTING_KEYS as readonly string[]).includes(error.field) ? (error.field as SettingKey) : null;
}

/**
 * The "keep sign-in on disk" opt-in applies only where the OS cannot encrypt well; it also stays visible
 * while it is on, so the analyst can turn it off again.
 */
export function showCacheOptIn(auth: Pick<AuthStatusView, 'weakCacheEncryption'> | null, saved: SettingsView, draft: SettingsDraft): boolean {
  return auth?.weakCacheEncryption === true || saved.allowWeakCacheEncryption || draft.allowWeakCacheEncryption;
}

/** The preview flag that fixes a field, for "Set by --client-id for this run". */
export function overrideFlag(key: SettingKey): string {
  switch (key) {
    case 'clientId':
      return '--client-id';
    case 'tenant':
      return '--tenant';
    case 'cloud':
    case 'customAuthority':
      return '--authority';
    case 'customGraphRoot':
      return '--graph-base-url';
    default:
      return 'a command-line flag';
  }
}
