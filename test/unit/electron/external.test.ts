import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { createExternalOpener, isAllowedExternalUrl, isAllowedSignInUrl, authorityOrigin } = await import('../../../src-main/electron/external');

const AUTHORITY = 'https://login.microsoftonline.com';

describe('openExternal allow-list', () => {
  it.each([
    'https://learn.microsoft.com/en-us/graph/api/resources/security-hostport',
    'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps',
    'https://entra.microsoft.com/',
    'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=x',
  ])('accepts %s', (url) => {
    expect(isAllowedExternalUrl(url, AUTHORITY)).toBe(true);
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
    ['explicit port on a docs host', 'https://learn.microsoft.com:8443/'],
    ['whitespace smuggling', 'https://learn.microsoft.com/\nfoo'],
    ['backslash trick', 'https://evil.example\\@learn.microsoft.com/'],
    ['not a URL', 'learn.microsoft.com'],
    ['empty', ''],
  ])('rejects %s', (_name, url) => {
    expect(isAllowedExternalUrl(url, AUTHORITY)).toBe(false);
  });

  it('rejects the authority origin when no authority is configured, and a different port of it', () => {
    expect(isAllowedExternalUrl('https://login.microsoftonline.com/x', null)).toBe(false);
    expect(isAllowedExternalUrl('https://login.microsoftonline.com:444/x', AUTHORITY)).toBe(false);
  });

  it('accepts a custom authority on its own port only', () => {
    const custom = 'https://login.contoso.test:8443/tenant';
    expect(authorityOrigin(custom)).toBe('https://login.contoso.test:8443');
    expect(isAllowedSignInUrl('https://login.contoso.test:8443/tenant/oauth2/v2.0/authorize', custom)).toBe(true);
    expect(isAllowedSignInUrl('https://login.contoso.test/tenant/oauth2/v2.0/authorize', custom)).toBe(false);
    expect(isAllowedSignInUrl('https://login.contoso.test:8443/x', null)).toBe(false);
  });

  it('never treats an http authority as allowed', () => {
    expect(authorityOrigin('http://login.microsoftonline.com')).toBeNull();
    expect(isAllowedExternalUrl('http://login.microsoftonline.com/x', 'http://login.microsoftonline.com')).toBe(false);
  });

  it('sign-in URLs must be on the authority origin, not merely on the docs allow-list', () => {
    expect(isAllowedSignInUrl(`${AUTHORITY}/organizations/oauth2/v2.0/authorize`, AUTHORITY)).toBe(true);
    expect(isAllowedSignInUrl('https://learn.microsoft.com/authorize', AUTHORITY)).toBe(false);
    expect(isAllowedSignInUrl('https://login.microsoftonline.com.evil.example/authorize', AUTHORITY)).toBe(false);
    expect(isAllowedSignInUrl('http://login.microsoftonline.com/authorize', AUTHORITY)).toBe(false);
    expect(isAllowedSignInUrl('https://login.microsoftonline.com:8443/authorize', AUTHORITY)).toBe(false);
  });

  it("accepts the Microsoft clouds' login hosts MSAL may use as aliases of the configured authority", () => {
    expect(isAllowedSignInUrl('https://login.chinacloudapi.cn/tenant/oauth2/v2.0/authorize', 'https://login.partner.microsoftonline.cn')).toBe(true);
    expect(isAllowedSignInUrl('https://login.microsoftonline.us/tenant/oauth2/v2.0/authorize', null)).toBe(true);
  });
});

describe('createExternalOpener', () => {
  it('opens allowed URLs and refuses the rest without calling the shell', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const opener = createExternalOpener(shell, () => AUTHORITY);
    expect(await opener.openExternal('https://learn.microsoft.com/a')).toBe(true);
    expect(await opener.openExternal('file:///C:/Windows/System32/calc.exe')).toBe(false);
    expect(await opener.openExternal('https://learn.microsoft.com.evil.example/')).toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/a');
  });

  it('follows the authority as it changes and throws for a refused sign-in URL', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    let authority: string | null = null;
    const opener = createExternalOpener(shell, () => authority);
    await expect(opener.openSignIn('https://login.contoso.test/x')).rejects.toThrow(/Refused/);
    expect(shell.openExternal).not.toHaveBeenCalled();
    authority = 'https://login.contoso.test/tenant';
    await opener.openSignIn('https://login.contoso.test/x');
    expect(shell.openExternal).toHaveBeenCalledWith('https://login.contoso.test/x');
  });

  it('reports false when the OS refuses to open', async () => {
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no handler'))) };
    expect(await createExternalOpener(shell, () => null).openExternal('https://learn.microsoft.com/')).toBe(false);
  });
});
