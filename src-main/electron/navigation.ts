// Navigation lock for every web contents the app creates. The window only ever shows our own renderer;
// a link, a redirect, a form or a script that tries to move it elsewhere is stopped, because a remote
// page in this window would inherit the preload's API. Allow-listed https links (docs, portals) open in
// the user's browser instead, where they belong.
import type { WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

export interface NavigationPolicy {
  /** Our renderer's origin: app://portolan, or the dev server's origin in development. */
  appOrigin: string;
  /** Opens an allow-listed URL externally; refuses (false) anything else. */
  openExternal(url: string): Promise<boolean>;
}

export function lockNavigation(contents: WebContents, policy: NavigationPolicy): void {
  // Main-frame navigation (a clicked link, location.href = …): stop it; hand a vetted link to the browser.
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, policy.appOrigin)) return;
    event.preventDefault();
    void policy.openExternal(event.url);
  });
  // Any frame, including subframes that CSP should already block: stop, never open (will-navigate above
  // covers the main frame's user-facing links, so opening here too would open twice).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, policy.appOrigin)) event.preventDefault();
  });
  // A redirect could carry an allowed navigation somewhere else; redirects are only ever stopped.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, policy.appOrigin)) event.preventDefault();
  });
  // No new windows, ever: window.open, target=_blank and middle-clicks are denied; a vetted https link
  // goes to the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    void policy.openExternal(url);
    return { action: 'deny' };
  });
  // webviewTag is off, but refuse here too in case a future window forgets it.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
