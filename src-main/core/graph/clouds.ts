// The national clouds the Get hostPort page lists, and the 'custom' root used by tests and the preview.
import type { CloudId, SettingsView } from '../../../src-shared/views';
import { fail } from '../failure';
import { isLoopbackHostname } from '../net/url';

export type NationalCloudId = Exclude<CloudId, 'custom'>;

export interface CloudInfo {
  id: CloudId;
  label: string;
  /** Sign-in authority host, e.g. login.microsoftonline.com (null for a custom cloud without an authority). */
  authorityHost: string | null;
  /** https://{authorityHost}, or the custom authority base. */
  authorityBase: string | null;
  /** Graph service root without version and without a trailing slash. */
  graphRoot: string;
  /** The delegated scope to request for this cloud's Graph. */
  scope: string;
}

export const CLOUDS: Readonly<Record<NationalCloudId, CloudInfo>> = Object.freeze({
  global: cloud('global', 'Global', 'login.microsoftonline.com', 'https://graph.microsoft.com'),
  usGovL4: cloud('usGovL4', 'US Government L4', 'login.microsoftonline.us', 'https://graph.microsoft.us'),
  usGovL5: cloud('usGovL5', 'US Government L5 (DoD)', 'login.microsoftonline.us', 'https://dod-graph.microsoft.us'),
  china: cloud('china', 'China (operated by 21Vianet)', 'login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'),
});

function cloud(id: NationalCloudId, label: string, authorityHost: string, graphRoot: string): CloudInfo {
  return { id, label, authorityHost, authorityBase: `https://${authorityHost}`, graphRoot, scope: threatIntelScope(graphRoot) };
}

/** Scopes name the cloud's own Graph host: a global-cloud scope is rejected by the US Government clouds. */
export function threatIntelScope(graphRoot: string): string {
  return `${graphRoot.replace(/\/+$/, '')}/ThreatIntelligence.Read.All`;
}

export type CloudSettings = Pick<SettingsView, 'cloud' | 'customAuthority' | 'customGraphRoot'>;

export function resolveCloud(settings: CloudSettings): CloudInfo {
  if (settings.cloud !== 'custom') {
    const known = CLOUDS[settings.cloud];
    if (!known) throw fail('notConfigured', `Unknown cloud "${String(settings.cloud)}".`);
    return known;
  }
  if (!settings.customGraphRoot) {
    throw fail('notConfigured', 'The custom cloud needs a Graph service root (for example https://graph.example.com).');
  }
  const graphRoot = normaliseServiceRoot(settings.customGraphRoot, 'Graph service root');
  let authorityBase: string | null = null;
  let authorityHost: string | null = null;
  if (settings.customAuthority) {
    authorityBase = normaliseServiceRoot(settings.customAuthority, 'sign-in authority', { httpsOnly: true });
    authorityHost = new URL(authorityBase).host;
  }
  return { id: 'custom', label: 'Custom', authorityHost, authorityBase, graphRoot, scope: threatIntelScope(graphRoot) };
}

/**
 * Checks a root URL and returns it without a trailing slash. https is required; plain http is allowed only
 * on loopback so local test servers and the preview can stand in for Graph without a certificate.
 * MSAL insists on https authorities, hence httpsOnly for those.
 */
export function normaliseServiceRoot(input: string, what: string, opts: { httpsOnly?: boolean } = {}): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw fail('invalidInput', `The ${what} "${input.slice(0, 200)}" is not a valid URL.`);
  }
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHostname(url.hostname) && !opts.httpsOnly;
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw fail(
      'invalidInput',
      opts.httpsOnly
        ? `The ${what} must use https.`
        : `The ${what} must use https (plain http is accepted only for 127.0.0.1, localhost or [::1]).`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw fail('invalidInput', `The ${what} must be a plain URL without credentials, query or fragment.`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
