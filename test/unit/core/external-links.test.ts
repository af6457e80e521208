import { describe, expect, it } from 'vitest';
import { authorityOrigin, EXTERNAL_HOSTS, isAllowedExternalUrl, isAllowedSignInUrl } from '../../../src-main/core/external-links';

const AUTHORITY = 'https://login.microsoftonline.com';

describe('external links: the fixed allow-list for the renderer', () => {
  it('is exactly the Microsoft documentation and portal hosts', () => {
    expect([...EXTERNAL_HOSTS].sort()).toEqual([
      'docs.microsoft.com',
      'entra.microsoft.com',
      'learn.microsoft.com',
      'portal.azure.com',
      'security.microsoft.com',
      'ti.defender.microsoft.com',
    ]);
  });

  it.each([
    'https://learn.microsoft.com/en-us/graph/api/resources/security-hostport',
    'https://docs.microsoft.com/en-us/graph/permissions-reference',
    'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps',
    'https://entra.microsoft.com/',
    'https://security.microsoft.com/',
    'https://ti.defender.microsoft.com/',
    'https://learn.microsoft.com:443/explicit-default-port',
    'https://github.com/portolan-app/portolan#readme',
  ])('accepts %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['http downgrade', 'http://learn.microsoft.com/'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['other host', 'https://evil.example/'],
    ['look-alike suffix', 'https://learn.microsoft.com.evil.example/'],
    ['look-alike prefix', 'https://evillearn.microsoft.com/'],
    ['credentials', 'https://user:pass@learn.microsoft.com/'],
    ['username only', 'https://learn.microsoft.com@evil.example/'],
    ['user on an allowed host', 'https://user@learn.microsoft.com/'],
    ['explicit port on a docs host', 'https://learn.microsoft.com:8443/'],
    ['another page on the project host', 'https://github.com/evil/portolan#readme'],
    ['below the project page', 'https://github.com/portolan-app/portolan/releases/download/x.exe'],
    ['project page with a query', 'https://github.com/portolan-app/portolan?tab=x'],
    ['whitespace smuggling', 'https://learn.microsoft.com/\nfoo'],
    ['backslash trick', 'https://evil.example\\@learn.microsoft.com/'],
    ['not a URL', 'learn.microsoft.com'],
    ['empty', ''],
    ['not a string', 42],
    // Sign-in hosts are not documentation: only main's own sign-in flow may open them.
    ['a Microsoft sign-in page', 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=x'],
    ['a link shortener', 'https://aka.ms/anything'],
  ])('rejects %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('sign-in URLs (main only)', () => {
  it('accepts a custom authority on its own port only', () => {
    const custom = 'https://login.contoso.test:8443/tenant';
    expect(authorityOrigin(custom)).toBe('https://login.contoso.test:8443');
    expect(isAllowedSignInUrl('https://login.contoso.test:8443/tenant/oauth2/v2.0/authorize', custom)).toBe(true);
    expect(isAllowedSignInUrl('https://login.contoso.test/tenant/oauth2/v2.0/authorize', custom)).toBe(false);
    expect(isAllowedSignInUrl('https://login.contoso.test:8443/x', null)).toBe(false);
  });

  it('never treats an http authority as allowed', () => {
    expect(authorityOrigin('http://login.microsoftonline.com')).toBeNull();
    expect(isAllowedSignInUrl('http://login.microsoftonline.com/x', 'http://login.microsoftonline.com')).toBe(false);
  });

  it('must be on the authority origin, not merely on the docs allow-list', () => {
    expect(isAllowedSignInUrl(`${AUTHORITY}/organizations/oauth2/v2.0/authorize`, AUTHORITY)).toBe(true);
    expect(isAllowedSignInUrl('https://learn.microsoft.com/authorize', AUTHORITY)).toBe(false);
    expect(isAllowedSignInUrl('https://login.microsoftonline.com.evil.example/authorize', AUTHORITY)).toBe(false);
    expect(isAllowedSignInUrl('https://login.microsoftonline.com:8443/authorize', AUTHORITY)).toBe(false);
  });

  it("accepts the Microsoft clouds' login hosts MSAL may use as aliases of the configured authority", () => {
    expect(isAllowedSignInUrl('https://login.chinacloudapi.cn/tenant/oauth2/v2.0/authorize', 'https://login.partner.microsoftonline.cn')).toBe(true);
    expect(isAllowedSignInUrl('https://login.microsoftonline.us/tenant/oauth2/v2.0/authorize', null)).toBe(true);
  });
});
