import { describe, expect, it } from 'vitest';
import { PortolanFailure } from '../../../src-main/core/failure';
import { sessionProxyConfig, type ProxyMode } from '../../../src-main/core/net/proxy-settings';

function refusal(mode: ProxyMode, url: string | null) {
  try {
    sessionProxyConfig(mode, url);
  } catch (err) {
    if (err instanceof PortolanFailure) return err.error;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('Settings › Network → session.setProxy', () => {
  it.each([
    ['system', null, { mode: 'system' }],
    ['direct', 'http://ignored:1', { mode: 'direct' }],
    ['manual', 'http://proxy.corp.example:3128', { mode: 'fixed_servers', proxyRules: 'http=proxy.corp.example:3128;https=proxy.corp.example:3128', proxyBypassRules: '<local>' }],
    ['manual', ' http://[fd00::1]:8080 ', { mode: 'fixed_servers', proxyRules: 'http=[fd00::1]:8080;https=[fd00::1]:8080', proxyBypassRules: '<local>' }],
    ['pac', 'https://wpad.corp.example/proxy.pac', { mode: 'pac_script', pacScript: 'https://wpad.corp.example/proxy.pac' }],
  ] as const)('%s %s', (mode, url, expected) => {
    expect(sessionProxyConfig(mode, url)).toEqual(expected);
  });

  it.each([
    ['manual', null, 'PROXY_URL_REQUIRED'],
    ['manual', '  ', 'PROXY_URL_REQUIRED'],
    ['manual', 'http://user:pw@proxy:3128', 'PROXY_URL_CREDENTIALS'],
    ['pac', null, 'PROXY_URL_REQUIRED'],
    ['pac', 'file:///etc/proxy.pac', 'PROXY_URL_INVALID'],
    ['pac', 'javascript:alert(1)', 'PROXY_URL_INVALID'],
    ['pac', 'https://u:p@wpad.example/x.pac', 'PROXY_URL_CREDENTIALS'],
  ] as const)('refuses %s %s with %s on the proxyUrl field', (mode, url, code) => {
    expect(refusal(mode, url)).toMatchObject({ kind: 'invalidInput', field: 'proxyUrl', code });
  });

  it('refuses a manual proxy that is not an http:// URL, with the proxy parser’s reason', () => {
    expect(refusal('manual', 'socks5://127.0.0.1:1080')).toMatchObject({ kind: 'invalidInput', message: expect.stringMatching(/http:\/\//) });
  });
});
