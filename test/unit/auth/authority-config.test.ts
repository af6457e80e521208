import { describe, expect, it } from 'vitest';
import { authorityOptions, endpointsFromOpenIdConfiguration, isMicrosoftAuthority, openIdConfigurationUrl, authorityWithTenant } from '../../../src-main/core/auth/authority-config';
import { defaultAllowHosts } from '../../../src-main/core/auth';

describe('authority options for msal-node', () => {
  it('leaves Microsoft clouds to MSAL’s built-in knowledge', () => {
    expect(authorityOptions('https://login.microsoftonline.com/organizations/')).toEqual({
      authority: 'https://login.microsoftonline.com/organizations',
    });
    expect(authorityOptions('https://login.microsoftonline.us/contoso.com')).toEqual({ authority: 'https://login.microsoftonline.us/contoso.com' });
  });

  it('names any other authority as host:port with local metadata, so discovery stays off the network', () => {
    const o = authorityOptions('https://127.0.0.1:4443/organizations');
    expect(o.knownAuthorities).toEqual(['127.0.0.1:4443']);
    const discovery = JSON.parse(o.cloudDiscoveryMetadata!) as { metadata: { aliases: string[] }[] };
    expect(discovery.metadata[0]!.aliases).toEqual(['127.0.0.1:4443']);
    expect(JSON.parse(o.authorityMetadata!)).toMatchObject({
      authorization_endpoint: 'https://127.0.0.1:4443/organizations/oauth2/v2.0/authorize',
      token_endpoint: 'https://127.0.0.1:4443/organizations/oauth2/v2.0/token',
      issuer: 'https://127.0.0.1:4443/organizations/v2.0',
    });
  });

  it('refuses a non-https authority as a configuration problem', () => {
    expect(() => authorityOptions('http://127.0.0.1:4443/x')).toThrow(/https/);
    expect(() => authorityOptions('nope')).toThrow(/not a valid URL/);
  });
});

describe('default allow-list', () => {
  const allow = defaultAllowHosts(() => 'https://127.0.0.1:4443/organizations');
  it('allows the Microsoft login hosts and the configured authority origin over https only', () => {
    expect(allow(new URL('https://login.microsoftonline.com/common/discovery/instance'))).toBe(true);
    expect(allow(new URL('https://login.chinacloudapi.cn/x'))).toBe(true);
    expect(allow(new URL('https://127.0.0.1:4443/organizations/oauth2/v2.0/token'))).toBe(true);
    expect(allow(new URL('https://127.0.0.1:4444/organizations/oauth2/v2.0/token'))).toBe(false);
    expect(allow(new URL('http://login.microsoftonline.com/x'))).toBe(false);
    expect(allow(new URL('https://login.microsoftonline.com.evil.example/x'))).toBe(false);
    expect(allow(new URL('https://graph.microsoft.com/v1.0/me'))).toBe(false);
  });
});

describe('endpoints from an openid-configuration', () => {
  const authority = 'https://127.0.0.1:4443/contoso';

  it('takes https endpoints on the authority origin, wherever their paths are', () => {
    const e = endpointsFromOpenIdConfiguration(authority, {
      issuer: 'https://127.0.0.1:4443/contoso/v2.0',
      authorization_endpoint: 'https://127.0.0.1:4443/contoso/authorize',
      token_endpoint: 'https://127.0.0.1:4443/contoso/token',
    });
    expect(e).toMatchObject({ authorization_endpoint: 'https://127.0.0.1:4443/contoso/authorize', token_endpoint: 'https://127.0.0.1:4443/contoso/token' });
    const opts = authorityOptions(authority, e);
    expect(JSON.parse(opts.authorityMetadata!)).toMatchObject({ token_endpoint: 'https://127.0.0.1:4443/contoso/token' });
  });

  it('ignores a document that would send the code or the token request to another origin or over http', () => {
    const base = { issuer: 'x', authorization_endpoint: 'https://127.0.0.1:4443/a', token_endpoint: 'https://127.0.0.1:4443/t' };
    expect(endpointsFromOpenIdConfiguration(authority, { ...base, token_endpoint: 'https://evil.example/t' })).toBeNull();
    expect(endpointsFromOpenIdConfiguration(authority, { ...base, authorization_endpoint: 'http://127.0.0.1:4443/a' })).toBeNull();
    expect(endpointsFromOpenIdConfiguration(authority, { ...base, token_endpoint: 42 })).toBeNull();
    expect(endpointsFromOpenIdConfiguration(authority, 'not json')).toBeNull();
    // Without a usable document the Entra v2.0 layout is used.
    expect(JSON.parse(authorityOptions(authority, null).authorityMetadata!)).toMatchObject({
      token_endpoint: 'https://127.0.0.1:4443/contoso/oauth2/v2.0/token',
    });
  });

  it('Microsoft clouds are left to MSAL', () => {
    expect(isMicrosoftAuthority('https://login.microsoftonline.us/organizations')).toBe(true);
    expect(isMicrosoftAuthority('https://login.microsoftonline.com:8443/organizations')).toBe(false);
    expect(openIdConfigurationUrl('https://127.0.0.1:1/t/')).toBe('https://127.0.0.1:1/t/v2.0/.well-known/openid-configuration');
  });
});

describe('authority with tenant', () => {
  it('appends the tenant to a bare sign-in host, and keeps an authority that already names one', () => {
    expect(authorityWithTenant('https://login.microsoftonline.com', 'organizations')).toBe('https://login.microsoftonline.com/organizations');
    expect(authorityWithTenant('https://127.0.0.1:4443', 'contoso.onmicrosoft.com')).toBe('https://127.0.0.1:4443/contoso.onmicrosoft.com');
    expect(authorityWithTenant('https://127.0.0.1:4443/', 'organizations')).toBe('https://127.0.0.1:4443/organizations');
    expect(authorityWithTenant('https://127.0.0.1:4443/9188040d-6c67-4c5b-b112-36a304b66dad/', 'organizations')).toBe(
      'https://127.0.0.1:4443/9188040d-6c67-4c5b-b112-36a304b66dad',
    );
  });
});
