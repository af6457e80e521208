// The one application window. Its webPreferences are the heart of the renderer sandbox: the renderer shows
// attacker-controlled text (banners, certificate fields), so it is treated as hostile and gets no Node,
// no Electron internals, and only the preload's one narrow API across an isolated world.
import { BrowserWindow, type WebPreferences } from 'electron';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type WindowPlacement } from '../core/window-placement';

/**
 * Every setting is spelled out, even where it is Electron's default, so a future default change or a
 * stray override cannot weaken it unnoticed (the unit tests pin each value).
 */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    // Preload and page run in separate JS worlds; the page cannot reach the preload's ipcRenderer.
    contextIsolation: true,
    // Chromium's OS-level renderer sandbox; the preload can only require('electron') pieces safe there.
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Same-origin policy and mixed-content blocking stay on.
    webSecurity: true,
    allowRunningInsecureContent: false,
    // <webview> could host arbitrary content with its own preferences.
    webviewTag: false,
    experimentalFeatures: false,
    // Dropping a file on the window must not navigate away from the app to file://.
    navigateOnDragDrop: false,
    // Lets the user stop a page that spams alert()/confirm().
    safeDialogs: true,
    // Spellcheck would send typed hosts to the OS dictionary service and may download dictionaries.
    spellcheck: false,
    // DevTools only in development builds.
    devTools: options.devTools,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  devTools: boolean;
  /** Size, position and maximised state to open with; the platform's default position at the default size when absent. */
  placement?: WindowPlacement;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Portolan',
    ...(options.placement ? options.placement.bounds : DEFAULT_WINDOW_SIZE),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on ready-to-show, so the analyst never sees an empty white frame while the renderer loads.
    show: false,
    backgroundColor: '#0f1720',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(options.preloadPath, { devTools: options.devTools }),
  });
  window.once('ready-to-show', () => {
    if (options.placement?.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.url);
  return window;
}
