// Settings that the shell applies for the core: the proxy (to Chromium's session, which carries net.request,
// so every Graph and sign-in request) and the theme (nativeTheme, which also drives prefers-color-scheme in
// the page and the colours of native menus and dialogs).
import type { NativeTheme, Session } from 'electron';
import type { SessionProxyConfig } from '../core/net/proxy-settings';
import type { ThemeChoice } from '../../src-shared/views';

export function createProxyApplier(session: Pick<Session, 'setProxy' | 'closeAllConnections'>): (config: SessionProxyConfig) => Promise<void> {
  return async (config) => {
    await session.setProxy(config);
    // Pooled connections would otherwise keep using the old route (or the old proxy) until they close.
    await session.closeAllConnections();
  };
}

export function createThemeApplier(nativeTheme: Pick<NativeTheme, 'themeSource'>): (theme: ThemeChoice) => void {
  return (theme) => {
    nativeTheme.themeSource = theme;
  };
}
