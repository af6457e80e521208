import { describe, expect, it } from 'vitest';
import { authorityOptions } from '../../../src-main/core/auth/authority-config';
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
