// The authority part of msal-node's configuration. For Microsoft's own clouds MSAL knows the hosts and
// their aliases. Any other authority (a custom cloud, the local stand-in) is named in knownAuthorities as
// host:port and given cloudDiscoveryMetadata and authorityMetadata, so MSAL never asks
// login.microsoftonline.com about it and never fetches an openid-configuration: the endpoints follow the
// Microsoft identity platform's v2.0 layout under the authority URL.
import type { NodeAuthOptions } from '@azure/msal-node';
import { fail } from '../failure';
import { MICROSOFT_LOGIN_HOSTS } from './network-client';

export type AuthorityOptions = Pick<NodeAuthOptions, 'authority' | 'knownAuthorities' | 'cloudDiscoveryMetadata' | 'authorityMetadata'>;

export function authorityOptions(authorityUrl: string): AuthorityOptions {
  let url: URL;
  try {
    url = new URL(authorityUrl);
  } catch {
    throw fail('notConfigured', 'The sign-in authority is not a valid URL: check the cloud settings.');
  }
  if (url.protocol !== 'https:') throw fail('notConfigured', 'The sign-in authority must use https: check the cloud settings.');
  const authority = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (MICROSOFT_LOGIN_HOSTS.includes(url.hostname.toLowerCase()) && url.port === '') {
    return { authority };
  }
  const hostAndPort = url.host; // includes :port when not the default
  return {
    authority,
    knownAuthorities: [hostAndPort],
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: hostAndPort, preferred_cache: hostAndPort, aliases: [hostAndPort] }],
    }),
    authorityMetadata: JSON.stringify({
      issuer: `${authority}/v2.0`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
    }),
  };
}
