// The renderer is served from a custom privileged scheme, app://portolan/, rather than file://.
// Why: a file:// page shares its (opaque) origin with every file on disk, so 'self' in the CSP and any
// origin check in main would also match any local HTML file the user opens. app://portolan is an origin
// that only this handler can serve, CSP 'self' means exactly our bundle, and the IPC sender check has a
// precise origin to compare with. This is the Electron security checklist's "use a custom protocol".
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'portolan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: relative URLs and a real origin; secure: a secure context like https.
 * supportFetchAPI lets same-origin module scripts load. Deliberately NOT granted: bypassCSP (the CSP
 * must apply), corsEnabled (other origins must not read our files), allowServiceWorkers, stream.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Module scripts are refused unless the MIME type is right, so an unknown extension is not served at all. */
export function mimeTypeFor(filePath: string): string | null {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? null;
}

/**
 * Maps an app:// URL to a file inside rendererDir, or null. Refuses other hosts, encoded separators
 * and NUL, dot segments that escape the folder (after decoding), and anything not under rendererDir.
 */
export function resolveAppFile(rendererDir: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username || url.password) return null;
  // Encoded slashes, backslashes and NUL have no business in our asset paths; decoding them would let
  // "..%2f" slip past the URL parser's own dot-segment removal.
  if (/%(2f|5c|00)/i.test(url.pathname) || url.pathname.includes('\\')) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const wanted = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = resolve(root, wanted);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

/** Security headers every app:// response carries (webRequest may not see custom-protocol responses). */
export function appResponseHeaders(mime: string): Record<string, string> {
  return {
    'content-type': mime,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/** The protocol.handle handler: serves read-only GETs of files inside rendererDir and nothing else. */
export function createAppProtocolHandler(
  rendererDir: string,
  read: (path: string) => Promise<Buffer> = (p) => readFile(p),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response(null, { status: 404 });
    const mime = mimeTypeFor(file);
    if (!mime) return new Response(null, { status: 404 });
    try {
      const body = await read(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: appResponseHeaders(mime) });
    } catch {
      return new Response(null, { status: 404 });
    }
  };
}

/**
 * scheme://host[:port] of a URL, or null. Computed by hand because Node's URL reports origin "null"
 * for schemes it does not know (app:), while Chromium treats our registered standard scheme as a
 * tuple origin. Hosts are compared lower-cased, as Chromium canonicalises them.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

/** True when url is exactly on our app origin (or the dev server's origin in development). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}
