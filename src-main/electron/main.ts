// Electron main entry: process lifecycle and wiring, nothing else. The core (src-main/core) does the work;
// the modules beside this file each hold one piece of the shell's security policy.
import { join, resolve } from 'node:path';
import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, nativeTheme, net, protocol, safeStorage, screen, session, shell, utilityProcess } from 'electron';
import { createCore, type Core } from '../core/app';
import { createFetchTransport } from '../core/net/fetch-transport';
import { createJsonFileStore } from '../core/fs/json-file';
import { createLinkInbox } from '../core/link-inbox';
import { createProxyLoginQueue } from '../core/net/proxy-login';
import { createRotatingLog } from '../core/log-file';
import { MENU_COMMAND_CHANNEL, NOTIFICATIONS, type NotificationName } from '../../src-shared/channels';
import { confirmEndpointsWithDialog } from './confirm-endpoints';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, originOf } from './app-protocol';
import { installClientCertificatePolicy } from './client-certificates';
import { installContentSecurityPolicy } from './csp';
import { installDownloadPolicy } from './downloads';
import { createFileDialogs, exportHistoryToFile } from './export-history';
import { utilityHostSpawner } from './history-process';
import { installLinkDelivery, registerLinkProtocol } from './deep-links';
import { createExternalOpener } from './external';
import { registerIpcHandlers } from './ipc';
import { kvStoreFactory } from './kv';
import { buildMenuTemplate } from './menu';
import { lockNavigation } from './navigation';
import { createProxyApplier, createThemeApplier } from './network-settings';
import { installPermissionPolicy } from './permissions';
import { createNetRequestFetch } from './net-request-fetch';
import { answerLogin, installProxyLogin } from './proxy-login';
import { createSafeStorageEncryptor } from './safe-storage';
import { createMainWindow } from './window';
import { createWindowStateKeeper, WINDOW_STATE_FILE, type WindowStateKeeper } from './window-state';

/** Development-only switches; a packaged build ignores the environment entirely. */
function devSettings(): { userData?: string; rendererUrl?: string } {
  if (app.isPackaged) return {};
  const userData = process.env.PORTOLAN_USER_DATA;
  // electron-vite dev serves the renderer over http://localhost with hot reload.
  const rendererUrl = process.env.ELECTRON_RENDERER_URL;
  return { ...(userData ? { userData: resolve(userData) } : {}), ...(rendererUrl ? { rendererUrl } : {}) };
}

export function startPortolan(): void {
  const dev = devSettings();
  // Before the lock: the lock is per user-data folder, so a test instance with its own folder does not
  // collide with the analyst's running app.
  if (dev.userData) app.setPath('userData', dev.userData);

  // One instance: two processes writing the same history files and token cache would corrupt them.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // Crash dumps stay on this machine (in the crashDumps folder); nothing is ever uploaded. Before 'ready'.
  crashReporter.start({ uploadToServer: false });
  // A test instance (its own user-data folder) must not take over the machine's portolan:// links.
  if (app.isPackaged || !dev.userData) registerLinkProtocol(app, process);

  let core: Core | null = null;
  const userData = app.getPath('userData');
  const log = createRotatingLog({ dir: join(userData, 'logs'), redact: (text) => core?.redact(text) ?? text });
  log.write(`Portolan ${app.getVersion()} starting (${process.platform} ${process.arch})`);

  // Every renderer sandboxed, whatever a window's own preferences say.
  app.enableSandbox();
  // Must happen before 'ready'.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const appOrigin = (dev.rendererUrl && originOf(dev.rendererUrl)) || APP_ORIGIN;
  const entryUrl = dev.rendererUrl ?? APP_ENTRY_URL;
  let mainWindow: BrowserWindow | null = null;
  let windowState: WindowStateKeeper | null = null;
  const opener = createExternalOpener(shell, () => core?.authority() ?? null);

  const liveWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

  /** A nudge without data; the page pulls what it needs through the sender-checked contract. */
  const notify = (name: NotificationName): void => liveWindow()?.webContents.send(NOTIFICATIONS[name]);

  /** Brings the one window forward (links, a second launch, Settings…), or opens it if macOS closed it. */
  const reveal = (): void => {
    const window = liveWindow();
    if (!window) {
      if (windowState) openWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const links = createLinkInbox();
  links.onAvailable(() => notify('linkAvailable'));
  installLinkDelivery({ app, inbox: links, argv: process.argv, reveal, log: (line) => log.write(line) });

  // A proxy that wants credentials waits for the analyst's answer in the page; a web server's request is refused.
  const proxyLogins = createProxyLoginQueue();
  proxyLogins.onAvailable(() => {
    reveal();
    notify('proxyLogin');
  });
  proxyLogins.onWithdrawn(() => notify('proxyLogin'));
  installProxyLogin(app, proxyLogins, (line) => log.write(line));

  app.on('render-process-gone', (_event, _contents, details) => log.write(`Renderer gone: ${details.reason} (exit code ${details.exitCode})`));
  app.on('child-process-gone', (_event, details) => log.write(`${details.type} process gone: ${details.reason} (exit code ${details.exitCode})`));

  // Applies to every web contents ever created (windows, and anything a bug might spawn), not just ours.
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(contents, { appOrigin, openExternal: (url) => opener.openExternal(url) });
  });

  installClientCertificatePolicy(app);

  app.on('window-all-closed', () => {
    // macOS apps stay alive without windows until the user quits from the dock or menu.
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('will-quit', (event) => {
    if (!core || disposed) return;
    // Let the core flush history and the token cache, and the window state and log reach the disk, before the process ends.
    event.preventDefault();
    disposed = true;
    void Promise.allSettled([core.dispose(), windowState?.flush()])
      .then(() => log.flush())
      .finally(() => app.quit());
  });

  const openWindow = (): void => {
    mainWindow = createMainWindow({
      preloadPath: join(__dirname, '../preload/index.cjs'),
      url: entryUrl,
      devTools: !app.isPackaged,
      ...(windowState ? { placement: windowState.placement() } : {}),
    });
    windowState?.track(mainWindow);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  void app
    .whenReady()
    .then(async () => {
      const ses = session.defaultSession;
      installContentSecurityPolicy(ses);
      installPermissionPolicy(ses, appOrigin);
      installDownloadPolicy(ses, appOrigin);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(join(__dirname, '../renderer')));

      core = await createCore({
        userDataDir: userData,
        version: app.getVersion(),
        preview: false,
        kv: kvStoreFactory,
        // The history's disk work runs in a utility process; this thread only passes messages.
        historyHost: utilityHostSpawner(utilityProcess, join(__dirname, 'history-host.js')),
        // safeStorage is only usable after 'ready'.
        encryptor: createSafeStorageEncryptor(safeStorage),
        openBrowser: (url) => opener.openSignIn(url),
        openExternal: (url) => opener.openExternal(url),
        confirmEndpoints: (change) => confirmEndpointsWithDialog(dialog, liveWindow(), change),
        fileDialogs: createFileDialogs(dialog, liveWindow),
        isOnline: () => net.isOnline(),
        // Chromium's network stack: the system or PAC proxy and the OS certificate store, as corporate networks need;
        // net.request rather than net.fetch so that a proxy's request for credentials reaches the analyst.
        transport: createFetchTransport(
          createNetRequestFetch(
            (options) => net.request(options),
            (authInfo, callback, request) => answerLogin(proxyLogins, authInfo, callback, (line) => log.write(line), request.signal),
          ),
        ),
        links,
        proxyLogins,
        // Settings › Network and the theme act on Chromium: applied before the first request, and on every change.
        applyProxy: createProxyApplier(ses),
        applyTheme: createThemeApplier(nativeTheme),
        log: (line) => log.write(line),
      });
      const handlers = core.handlers;
      registerIpcHandlers(ipcMain, handlers, { appOrigin, trustedContents: () => liveWindow()?.webContents ?? null });

      app.setAboutPanelOptions({ applicationName: 'Portolan', applicationVersion: app.getVersion() });
      const template = buildMenuTemplate({
        appName: app.getName(),
        isMac: process.platform === 'darwin',
        isPackaged: app.isPackaged,
        exportHistory: () => void exportHistoryToFile(handlers, dialog),
        openExternal: (url) => void opener.openExternal(url),
        openSettings: () => {
          reveal();
          notify('openSettings');
        },
        menuCommand: (name) => liveWindow()?.webContents.send(MENU_COMMAND_CHANNEL, name),
        openLogFolder: () => void log.flush().then(() => shell.openPath(log.dir)),
        openDataFolder: () => void shell.openPath(userData),
      });
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));

      // screen is usable only after 'ready'.
      windowState = await createWindowStateKeeper(createJsonFileStore(join(userData, WINDOW_STATE_FILE)), screen, (err) =>
        log.write(`Window state not saved: ${err instanceof Error ? err.message : String(err)}`),
      );
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((err: unknown) => {
      log.write(`Start failed: ${err instanceof Error ? err.message : String(err)}`);
      dialog.showErrorBox('Portolan could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}

startPortolan();
