// The only door from Portolan to the user's browser. What may pass is decided in core/external-links.ts
// (shared with the preview); this file only binds it to Electron's shell.
import type { Shell } from 'electron';
import { isAllowedExternalUrl, isAllowedSignInUrl } from '../core/external-links';

export interface ExternalOpener {
  /** Docs and portal links (renderer's shell:openExternal, menu, window.open): the fixed list only. False when refused. */
  openExternal(url: string): Promise<boolean>;
  /**
   * The sign-in page in the system browser, for main's own interactive sign-in only (never wired to IPC).
   * Throws when refused, so the sign-in fails visibly.
   */
  openSignIn(url: string): Promise<void>;
}

export function createExternalOpener(shell: Pick<Shell, 'openExternal'>, authority: () => string | null): ExternalOpener {
  return {
    async openExternal(url) {
      if (!isAllowedExternalUrl(url)) return false;
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
