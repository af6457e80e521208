// Which URLs Portolan hands to the user's browser. The OS will launch any registered protocol handler
// (file:, smb:, ms-msdt:, custom app schemes), so nothing reaches it unvetted. Rules: https only, no
// user:pass@ (which makes "https://learn.microsoft.com@evil.example" point at evil.example in a user's mind
// and in some parsers), the default port only, and an exact host match (no suffix matching, so
// learn.microsoft.com.evil.example fails).
//
// The renderer's list is FIXED on purpose. It must not follow the configured sign-in authority: the
// renderer can change that authority through settings:set, and a compromised renderer would then be able
// to open any https URL it likes. The sign-in page is opened by main's own interactive sign-in only
// (isAllowedSignInUrl), on a path the renderer cannot reach. Shared by the Electron shell and the preview.
import { MICROSOFT_LOGIN_HOSTS } from './auth/network-client';

/** Microsoft documentation and admin portals the UI links to (API docs, app registration, consent). */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'learn.microsoft.com',
  'docs.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
  'security.microsoft.com',
  'ti.defender.microsoft.com',
]);

/** Single pages on other hosts (origin + path, any #fragment): the project page with the user guide, not the rest of github.com. */
export const EXTERNAL_PAGES: ReadonlySet<string> = new Set(['https://github.com/portolan-app/portolan']);

const MAX_URL_LENGTH = 2048;

function parseHttps(url: unknown): URL | null {
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

/** Docs and portal links from the renderer, the menu and window.open: the fixed list, nothing else. */
export function isAllowedExternalUrl(url: unknown): boolean {
  const parsed = parseHttps(url);
  // An explicit :443 parses to port ''; any other port is refused.
  if (parsed === null || parsed.port !== '') return false;
  return EXTERNAL_HOSTS.has(parsed.hostname) || (parsed.search === '' && EXTERNAL_PAGES.has(`${parsed.origin}${parsed.pathname}`));
}

/** The exact https origin of the authority, or null when it is not one we would ever open. */
export function authorityOrigin(authority: string | null | undefined): string | null {
  if (!authority) return null;
  const parsed = parseHttps(authority);
  return parsed ? parsed.origin : null;
}

/**
 * Main's interactive sign-in only: the configured authority's origin, or one of the Microsoft clouds' own
 * login hosts (MSAL builds the URL on the cloud's preferred host, which can be an alias of the configured
 * one, e.g. login.partner.microsoftonline.cn → login.chinacloudapi.cn). The docs list does not apply here.
 */
export function isAllowedSignInUrl(url: string, authority: string | null): boolean {
  const parsed = parseHttps(url);
  if (!parsed) return false;
  if (!parsed.port && MICROSOFT_LOGIN_HOSTS.includes(parsed.hostname)) return true;
  const origin = authorityOrigin(authority);
  return origin !== null && parsed.origin === origin;
}
