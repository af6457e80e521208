// Settings › Network: how the app reaches Graph and Entra ID. The app applies it to Chromium's session
// (session.setProxy); the value is checked here, in plain TypeScript, so the preview and tests check it alike.
import { ERROR_CODES } from '../../../src-shared/error-codes';
import type { ProxyMode } from '../../../src-shared/views';
import { fail, PortolanFailure } from '../failure';
import { parseProxyUrl, type HttpProxy } from './http-proxy';

export type { ProxyMode };

/** The shape Electron's session.setProxy takes (kept structural so the core does not import electron). */
export type SessionProxyConfig =
  | { mode: 'system' }
  | { mode: 'direct' }
  | { mode: 'fixed_servers'; proxyRules: string; proxyBypassRules: string }
  | { mode: 'pac_script'; pacScript: string };

/** Throws a typed invalidInput failure (field 'proxyUrl') when the URL does not fit the mode. */
export function checkProxySetting(mode: ProxyMode, url: string | null): void {
  if (mode === 'system' || mode === 'direct') return;
  if (!url || !url.trim()) throw fail('invalidInput', `The ${mode === 'pac' ? 'PAC script' : 'proxy'} URL is required for this choice.`, { field: 'proxyUrl', code: ERROR_CODES.PROXY_URL_REQUIRED });
  if (mode === 'manual') {
    const parsed = readManualProxy(url.trim());
    // Chromium would prompt for proxy credentials itself; keeping them out of the settings file keeps them off disk.
    if (parsed.authorization) throw fail('invalidInput', 'Leave the user name and password out of the proxy URL: Portolan asks for them when the proxy wants them.', { field: 'proxyUrl', code: ERROR_CODES.PROXY_URL_CREDENTIALS });
    return;
  }
  let pac: URL;
  try {
    pac = new URL(url.trim());
  } catch {
    throw fail('invalidInput', 'The PAC script URL is not a URL.', { field: 'proxyUrl', code: ERROR_CODES.PROXY_URL_INVALID });
  }
  if (pac.protocol !== 'http:' && pac.protocol !== 'https:') throw fail('invalidInput', 'The PAC script URL must be http:// or https://.', { field: 'proxyUrl', code: ERROR_CODES.PROXY_URL_INVALID });
  if (pac.username || pac.password) throw fail('invalidInput', 'The PAC script URL must not carry a user name or password.', { field: 'proxyUrl', code: ERROR_CODES.PROXY_URL_CREDENTIALS });
}

export function sessionProxyConfig(mode: ProxyMode, url: string | null): SessionProxyConfig {
  checkProxySetting(mode, url);
  if (mode === 'direct') return { mode: 'direct' };
  if (mode === 'manual') {
    const proxy = readManualProxy(url!.trim());
    const host = proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host;
    // Loopback never goes through the proxy (the sign-in redirect comes back to 127.0.0.1).
    return { mode: 'fixed_servers', proxyRules: `http=${host}:${proxy.port};https=${host}:${proxy.port}`, proxyBypassRules: '<local>' };
  }
  if (mode === 'pac') return { mode: 'pac_script', pacScript: new URL(url!.trim()).href };
  return { mode: 'system' };
}

/** The --proxy reading, with the setting's field and code, so the settings view marks the URL field. */
function readManualProxy(url: string): HttpProxy {
  try {
    return parseProxyUrl(url);
  } catch (err) {
    if (err instanceof PortolanFailure) throw fail('invalidInput', err.message, { field: 'proxyUrl', code: ERROR_CODES.PROXY_URL_INVALID });
    throw err;
  }
}
