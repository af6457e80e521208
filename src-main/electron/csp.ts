// The Content-Security-Policy for everything the window loads. The renderer's index.html carries the
// same policy in a <meta> tag, minus frame-ancestors: a <meta> policy ignores that directive and logs a
// console error for it, so it lives in this header only. The header is also the one that cannot be removed
// by a script that manages to edit the DOM. A unit test keeps the two in step.
import type { Session } from 'electron';

/**
 * No 'unsafe-inline', no 'unsafe-eval', no remote origins: banners and certificate fields are
 * attacker-controlled text, so if one ever reached the DOM as markup it still could not run script,
 * load a remote resource or send data anywhere. connect-src 'self' only: the renderer talks to main over
 * IPC, never to the network.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
  ['object-src', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** Adds the CSP to every response the session receives, replacing any CSP a response brought along. */
export function installContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any upstream CSP (any casing) so ours is the only one; several policies would intersect anyway,
      // but one clear policy is easier to reason about.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
