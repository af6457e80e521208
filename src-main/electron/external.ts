// The only door from Portolan to the user's browser. shell.openExternal hands a URL to the OS, which will
// happily launch any registered protocol handler (file:, smb:, ms-msdt:, custom app schemes), so it must
// never see a URL we did not vet. Rules: https only, no user:pass@ (which makes
// "https://learn.microsoft.com@evil.example" point at evil.example in a user's mind and in some parsers),
// and an exact host match against the allow-list (no suffix matching, so learn.microsoft.com.evil.example
// fails) on the default port, or the exact origin (scheme, host and port) of the configured sign-in authority.
import type { Shell } from 'electron';
import { MICROSOFT_LOGIN_HOSTS } from '../core/auth/network-client';

/** Microsoft documentation and admin portals the UI links to (app registration, consent, API docs). */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'learn.microsoft.com',
  'docs.microsoft.com',
  'portal.azure.com',
  'entra.microsoft.com',
  'portal.azure.us',
  'portal.azure.cn',
  'security.microsoft.com',
  'ti.defender.microsoft.com',
  'aka.ms',
]);

const MAX_URL_LENGTH = 2048;

function parseHttps(url: string): URL | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  // Control characters and whitespace are stripped silently by URL parsers; refuse instead of guessing.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return null;
  return parsed;
}

/** The exact https origin of the authority, or null when it is not one we would ever open. */
export function authorityOrigin(authority: string | null | undefined): string | null {
  if (!authority) return null;
  const parsed = parseHttps(authority);
  return parsed ? parsed.origin : null;
}

/** Docs and portal links: the static allow-list, plus the sign-in authority's own origin. */
export function isAllowedExternalUrl(url: string, authority: string | null): boolean {
  const parsed = parseHttps(url);
  if (!parsed) return false;
  // Static hosts only on the default port; a custom authority may name its own port (it is in its origin).
  if (!parsed.port && EXTERNAL_HOSTS.has(parsed.hostname)) return true;
  const origin = authorityOrigin(authority);
  return origin !== null && parsed.origin === origin;
}

/**
 * Sign-in: the configured authority's origin, or one of the Microsoft clouds' own login hosts (MSAL builds
 * the URL on the cloud's preferred host, which can be an alias of the configured one, e.g.
 * login.partner.microsoftonline.cn → login.chinacloudapi.cn). A docs host has no business receiving an
 * /authorize URL, so the docs allow-list does not apply here.
 */
export function isAllowedSignInUrl(url: string, authority: string | null): boolean {
  const parsed = parseHttps(url);
  if (!parsed) return false;
  if (!parsed.port && MICROSOFT_LOGIN_HOSTS.includes(parsed.hostname)) return true;
  const origin = authorityOrigin(authority);
  return origin !== null && parsed.origin === origin;
}

export interface ExternalOpener {
  /** Docs and portal links (renderer's shell:openExternal, menu, window.open). False when refused. */
  openExternal(url: string): Promise<boolean>;
  /** The sign-in page in the system browser. Throws when refused, so the sign-in fails visibly. */
  openSignIn(url: string): Promise<void>;
}

export function createExternalOpener(shell: Pick<Shell, 'openExternal'>, authority: () => string | null): ExternalOpener {
  return {
    async openExternal(url) {
      if (!isAllowedExternalUrl(url, authority())) return false;
      try {
        // Re-serialise the parsed URL so the OS receives exactly what we checked.
        await shell.openExternal(new URL(url).href);
        return true;
      } catch {
        return false;
      }
    },
    async openSignIn(url) {
      if (!isAllowedSignInUrl(url, authority())) {
        throw new Error('Refused to open a sign-in URL outside the configured authority.');
      }
      await shell.openExternal(new URL(url).href);
    },
  };
}
