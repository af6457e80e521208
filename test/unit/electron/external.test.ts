import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { createExternalOpener } = await import('../../../src-main/electron/external');

const AUTHORITY = 'https://login.microsoftonline.com';

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

  it('does not widen the renderer’s list to whatever authority settings name (settings:set is renderer-controlled)', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    // A compromised renderer first saves its own "authority", then asks to open pages on it.
    const authority = 'https://evil.example:8443/tenant';
    const opener = createExternalOpener(shell, () => authority);
    expect(await opener.openExternal('https://evil.example:8443/phish')).toBe(false);
    expect(await opener.openExternal('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('sign-in follows the authority as it changes and throws for a refused sign-in URL', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    let authority: string | null = null;
    const opener = createExternalOpener(shell, () => authority);
    await expect(opener.openSignIn('https://login.contoso.test/x')).rejects.toThrow(/Refused/);
    await expect(opener.openSignIn('https://learn.microsoft.com/authorize')).rejects.toThrow(/Refused/);
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
