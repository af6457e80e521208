// The authority part of msal-node's configuration. For Microsoft's own clouds MSAL knows the hosts and
// their aliases. Any other authority (a custom cloud, the local stand-in) is named in knownAuthorities as
// host:port and given cloudDiscoveryMetadata and authorityMetadata, so MSAL never asks
// login.microsoftonline.com about it. The endpoints come from the authority's own openid-configuration
// when the auth service could read it (discoverEndpoints), and otherwise follow the Microsoft identity
// platform's v2.0 layout under the authority URL.
import type { NodeAuthOptions } from '@azure/msal-node';
import { fail } from '../failure';
import { MICROSOFT_LOGIN_HOSTS } from './network-client';

export type AuthorityOptions = Pick<NodeAuthOptions, 'authority' | 'knownAuthorities' | 'cloudDiscoveryMetadata' | 'authorityMetadata'>;

export interface AuthorityEndpoints {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
  jwks_uri?: string;
}

/** True for the Microsoft clouds' own sign-in hosts, which MSAL resolves by itself. */
export function isMicrosoftAuthority(authorityUrl: string): boolean {
  try {
    const url = new URL(authorityUrl);
    return MICROSOFT_LOGIN_HOSTS.includes(url.hostname.toLowerCase()) && url.port === '';
  } catch {
    return false;
  }
}

/** Where the authority publishes its endpoints (the v2.0 openid-configuration, as Entra ID does). */
export function openIdConfigurationUrl(authorityUrl: string): string {
  return `${authorityUrl.replace(/\/+$/, '')}/v2.0/.well-known/openid-configuration`;
}

/**
 * Reads the endpoints out of an openid-configuration document. Only https endpoints on the authority's own
 * origin are accepted: a document that sends the authorization code or the token request anywhere else is
 * ignored, and the v2.0 layout is used instead.
 */
export function endpointsFromOpenIdConfiguration(authorityUrl: string, doc: unknown): AuthorityEndpoints | null {
  if (typeof doc !== 'object' || doc === null) return null;
  const d = doc as Record<string, unknown>;
  const origin = new URL(authorityUrl).origin;
  const onOrigin = (v: unknown): v is string => {
    if (typeof v !== 'string') return false;
    try {
      const u = new URL(v);
      return u.protocol === 'https:' && u.origin === origin;
    } catch {
      return false;
    }
  };
  if (!onOrigin(d.authorization_endpoint) || !onOrigin(d.token_endpoint)) return null;
  return {
    issuer: typeof d.issuer === 'string' ? d.issuer : `${authorityUrl.replace(/\/+$/, '')}/v2.0`,
    authorization_endpoint: d.authorization_endpoint,
    token_endpoint: d.token_endpoint,
    ...(onOrigin(d.end_session_endpoint) ? { end_session_endpoint: d.end_session_endpoint } : {}),
    ...(typeof d.jwks_uri === 'string' ? { jwks_uri: d.jwks_uri } : {}),
  };
}

export function authorityOptions(authorityUrl: string, discovered?: AuthorityEndpoints | null): AuthorityOptions {
  let url: URL;
  try {
    url = new URL(authorityUrl);
  } catch {
    throw fail('notConfigured', 'The sign-in authority is not a valid URL: check the cloud settings.');
  }
  if (url.protocol !== 'https:') throw fail('notConfigured', 'The sign-in authority must use https: check the cloud settings.');
  const authority = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (isMicrosoftAuthority(authority)) return { authority };
  const hostAndPort = url.host; // includes :port when not the default
  return {
    authority,
    knownAuthorities: [hostAndPort],
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: hostAndPort, preferred_cache: hostAndPort, aliases: [hostAndPort] }],
    }),
    authorityMetadata: JSON.stringify(
      discovered ?? {
        issuer: `${authority}/v2.0`,
        authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
        token_endpoint: `${authority}/oauth2/v2.0/token`,
        end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
        jwks_uri: `${authority}/discovery/v2.0/keys`,
      },
    ),
  };
}

/**
 * The authority URL MSAL gets: the cloud's sign-in base plus the tenant. A custom authority that already
 * has a path (https://login.example.com/contoso) names its tenant itself and is used as given, so
 * `--authority https://host/TENANT --tenant TENANT` and `--authority https://host --tenant TENANT` agree.
 */
export function authorityWithTenant(base: string, tenant: string): string {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '') return `${url.origin}${path}`;
  return `${url.origin}/${encodeURIComponent(tenant)}`;
}
