// Settings that act on the host rather than on the core: the proxy (Chromium's session in the app) and the
// theme (the app's native theme). The host hands in what applies them; the core calls them once at start and
// again after a saved change that touches them. The web preview hands in neither: it takes --proxy instead.
import type { SettingsView, ThemeChoice } from '../../../src-shared/views';
import { fail } from '../failure';
import { sessionProxyConfig, type SessionProxyConfig } from '../net/proxy-settings';
import type { ConfirmedSettings } from './endpoint-confirmation';

export interface SettingsEffects {
  /** Electron: session.setProxy(config), then closeAllConnections() so no socket keeps the old route. */
  applyProxy?: (config: SessionProxyConfig) => Promise<void>;
  /** Electron: nativeTheme.themeSource. */
  applyTheme?: (theme: ThemeChoice) => void;
  log?: (line: string) => void;
}

export interface SettingsWithEffects extends ConfirmedSettings {
  /** Applies what is saved now (at start). Never throws: a failure is logged and the app starts anyway. */
  applySaved(): Promise<void>;
}

/** The saved proxy as Chromium takes it; a saved value that no longer fits its mode falls back to the system proxy. */
function proxyConfigOf(view: SettingsView, log?: (line: string) => void): SessionProxyConfig {
  try {
    return sessionProxyConfig(view.proxyMode, view.proxyUrl);
  } catch {
    log?.(`The saved proxy setting (${view.proxyMode}) cannot be used; the system proxy is in use.`);
    return { mode: 'system' };
  }
}

export function withSettingsEffects(settings: ConfirmedSettings, effects: SettingsEffects): SettingsWithEffects {
  const applyProxy = async (view: SettingsView): Promise<void> => {
    if (!effects.applyProxy) return;
    const config = proxyConfigOf(view, effects.log);
    await effects.applyProxy(config);
    effects.log?.(`Proxy in use: ${config.mode}`);
  };

  return {
    get: () => settings.get(),
    overridden: () => settings.overridden(),
    get notices() {
      return settings.notices;
    },
    async update(patch) {
      const view = await settings.update(patch);
      if ('theme' in patch) effects.applyTheme?.(view.theme);
      if ('proxyMode' in patch || 'proxyUrl' in patch) {
        try {
          await applyProxy(view);
        } catch (err) {
          throw fail('network', 'The network setting was saved, but Portolan could not switch to it; restart Portolan to use it.', {
            detail: err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300),
          });
        }
      }
      return view;
    },
    async applySaved() {
      const view = settings.get();
      try {
        effects.applyTheme?.(view.theme);
      } catch (err) {
        effects.log?.(`Theme not applied: ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        await applyProxy(view);
      } catch (err) {
        effects.log?.(`Proxy setting not applied: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}
