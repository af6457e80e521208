import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, FakeWebContents, type FakeDisplay } from './fake-electron';
import type { LinkInbox } from '../../../src-main/core/link-inbox';
import { eventually } from '../../support/eventually';

const { channels } = await import('../../../src-shared/contract');

const realArgv = process.argv;
const realDefaultApp = (process as { defaultApp?: boolean }).defaultApp;
/** Electron sets process.defaultApp under `electron .`; its typings make it read-only. */
const setDefaultApp = (value: boolean | undefined) => Object.defineProperty(process, 'defaultApp', { value, configurable: true, writable: true });

async function boot(
  options: {
    isPackaged?: boolean;
    lock?: boolean;
    env?: Record<string, string>;
    coreFails?: boolean;
    argv?: string[];
    defaultApp?: boolean;
    displays?: FakeDisplay[];
    savedWindowState?: unknown;
  } = {},
) {
  vi.resetModules();
  for (const [k, v] of Object.entries(options.env ?? {})) vi.stubEnv(k, v);
  process.argv = options.argv ?? ['/opt/Portolan/portolan'];
  setDefaultApp(options.defaultApp ?? false);
  const fake = createFakeElectron(options);
  // The log and the window-state file are real async fs modules; here they are kept in memory.
  const logLines: string[] = [];
  vi.doMock('../../../src-main/core/log-file', () => ({
    createRotatingLog: vi.fn((opts: { dir: string; redact?: (t: string) => string }) => ({
      dir: opts.dir,
      file: `${opts.dir}/portolan.log`,
      write: (line: string) => logLines.push(opts.redact ? opts.redact(line) : line),
      flush: async () => undefined,
    })),
  }));
  const stateFile = { value: options.savedWindowState ?? null, writes: 0 };
  const jsonStores: string[] = [];
  vi.doMock('../../../src-main/core/fs/json-file', () => ({
    createJsonFileStore: vi.fn((file: string) => {
      jsonStores.push(file);
      return {
        read: async () => stateFile.value,
        write: async (value: unknown) => {
          stateFile.value = JSON.parse(JSON.stringify(value));
          stateFile.writes++;
        },
      };
    }),
  }));
  vi.doMock('electron', () => fake.module);
  // electron-store is loaded by Node, outside Vitest's module mocks, and would reach the real 'electron'.
  vi.doMock('electron-store', () => ({ default: class FakeStore {} }));
  const handlers = Object.fromEntries(Object.keys(channels).map((c) => [c, vi.fn(async () => ({ ok: true, value: {} }))]));
  const core = {
    handlers,
    authority: vi.fn(() => 'https://login.microsoftonline.com'),
    redact: vi.fn((text: string) => text.split('secret-token-123').join('[redacted]')),
    dispose: vi.fn(async () => undefined),
  };
  const createCore = vi.fn(async (_opts: Record<string, unknown>) => {
    if (options.coreFails) throw new Error('history folder is not writable');
    return core;
  });
  vi.doMock('../../../src-main/core/app', () => ({ createCore }));
  await import('../../../src-main/electron/main');
  const ready = async () => {
    fake.fireReady();
    await eventually(() => {
      if (options.coreFails) expect(fake.electron.app.exit).toHaveBeenCalled();
      else expect(fake.electron.BrowserWindow.instances).toHaveLength(1);
    });
  };
  return { fake, electron: fake.electron, core, createCore, ready, logLines, stateFile, jsonStores };
}

afterEach(() => {
  process.argv = realArgv;
  setDefaultApp(realDefaultApp);
  vi.doUnmock('../../../src-main/core/log-file');
  vi.doUnmock('../../../src-main/core/fs/json-file');
  vi.unstubAllEnvs();
  vi.doUnmock('electron');
  vi.doUnmock('electron-store');
  vi.doUnmock('../../../src-main/core/app');
});

describe('main process lifecycle', () => {
  it('quits at once, touching nothing else, when another instance holds the lock', async () => {
    const { electron, createCore } = await boot({ lock: false });
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
    expect(createCore).not.toHaveBeenCalled();
  });

  it('before ready: sandboxes every renderer and registers the app:// scheme', async () => {
    const { electron } = await boot();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.app.listenerCount('select-client-certificate')).toBe(1);
  });

  it("hands the core Chromium's network stack (net.request): system proxy and OS trust store for Graph and sign-in", async () => {
    const { electron, createCore, ready } = await boot();
    await ready();
    const transport = createCore.mock.calls[0]![0].transport as (r: { method: 'GET'; url: string }) => Promise<{ status: number; body: string }>;
    const res = await transport({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/security/threatIntelligence/hosts/x' });
    expect(res).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(electron.net.request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://graph.microsoft.com/v1.0/security/threatIntelligence/hosts/x',
        method: 'GET',
        redirect: 'error',
        credentials: 'omit',
        useSessionCookies: false,
        bypassCustomProtocolHandlers: true,
      }),
    );
  });

  it('on ready: installs the session policy, serves app://, builds the core, wires IPC and the menu, opens the window', async () => {
    const { electron, createCore, ready } = await boot({ isPackaged: true });
    await ready();
    const ses = electron.session.defaultSession;
    expect(ses.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(createCore).toHaveBeenCalledWith(expect.objectContaining({ userDataDir: '/fake/userData', version: '0.1.0', preview: false }));
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(Object.keys(channels).length);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const window = electron.BrowserWindow.instances[0]!;
    expect(window.loadURL).toHaveBeenCalledWith('app://portolan/index.html');
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    // The history runs hosted: the core is handed a starter that forks the bundled entry as a utility process.
    const historyHost = createCore.mock.calls[0]![0].historyHost as () => unknown;
    expect(electron.utilityProcess.fork).not.toHaveBeenCalled();
    historyHost();
    expect(String(electron.utilityProcess.fork.mock.calls[0]![0])).toMatch(/history-host\.js$/);
  });

  it('hands the core a safeStorage encryptor and an electron-store factory', async () => {
    const { createCore, ready } = await boot();
    await ready();
    const opts = createCore.mock.calls[0]![0] as { encryptor: { kind: string; strong: boolean }; kv: unknown };
    expect(opts.encryptor).toMatchObject({ kind: 'safeStorage', strong: true });
    expect(typeof opts.kv).toBe('function');
  });

  it("gives the core an openBrowser that opens only the authority's origin, and an openExternal bound to the allow-list", async () => {
    const { electron, createCore, ready } = await boot();
    await ready();
    const opts = createCore.mock.calls[0]![0] as { openBrowser(u: string): Promise<void>; openExternal(u: string): Promise<boolean> };
    await expect(opts.openBrowser('https://evil.example/authorize')).rejects.toThrow();
    await expect(opts.openBrowser('https://learn.microsoft.com/authorize')).rejects.toThrow();
    await expect(opts.openBrowser('http://login.microsoftonline.com/authorize')).rejects.toThrow();
    await opts.openBrowser('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?x=1');
    expect(await opts.openExternal('http://learn.microsoft.com/')).toBe(false);
    expect(await opts.openExternal('https://learn.microsoft.com/')).toBe(true);
    // The authority's origin is for sign-in only; the renderer's openExternal never reaches it.
    expect(await opts.openExternal('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?x=2')).toBe(false);
    expect(electron.shell.openExternal.mock.calls.map((c) => c[0])).toEqual([
      'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?x=1',
      'https://learn.microsoft.com/',
    ]);
  });

  it('gives the core a confirmEndpoints that asks with a native modal on the window, Cancel by default', async () => {
    const { electron, createCore, ready } = await boot();
    await ready();
    const opts = createCore.mock.calls[0]![0] as { confirmEndpoints(c: { authority: string | null; graphRoot: string; cloud: string }): Promise<boolean> };
    const change = { authority: 'https://login.evil.example', graphRoot: 'https://graph.evil.example', cloud: 'custom' };
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 } as never);
    expect(await opts.confirmEndpoints(change)).toBe(false);
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 } as never);
    expect(await opts.confirmEndpoints(change)).toBe(true);
    const [parent, options] = electron.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, { buttons: string[]; defaultId: number; cancelId: number; detail: string }];
    expect(parent).toBe(electron.BrowserWindow.instances[0]);
    expect(options).toMatchObject({ buttons: ['Use these endpoints', 'Cancel'], defaultId: 1, cancelId: 1 });
    expect(options.detail).toContain('login.evil.example');
    expect(options.detail).toContain('https://graph.evil.example');
  });

  it('IPC from the window reaches the core; from anywhere else it is refused', async () => {
    const { fake, core, ready } = await boot();
    await ready();
    const window = fake.electron.BrowserWindow.instances[0]!;
    const handler = fake.ipcHandlers.get('portolan:app:info')!;
    expect(await handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, {})).toEqual({ ok: true, value: {} });
    expect(core.handlers['app:info']).toHaveBeenCalledTimes(1);
    const stranger = new FakeWebContents();
    expect(await handler({ sender: stranger, senderFrame: stranger.mainFrame }, {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(core.handlers['app:info']).toHaveBeenCalledTimes(1);
  });

  it('locks navigation on every web contents that is created', async () => {
    const { electron } = await boot();
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { electron, ready } = await boot();
    await ready();
    const window = electron.BrowserWindow.instances[0]!;
    window.minimized = true;
    electron.app.emit('second-instance', {}, ['portolan'], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('quits when the last window closes (except on macOS) and disposes the core on the way out', async () => {
    const { electron, core, ready } = await boot();
    await ready();
    electron.app.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(electron.app.quit).toHaveBeenCalled();
    const event = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await eventually(() => expect(core.dispose).toHaveBeenCalledTimes(1));
    electron.app.emit('will-quit', { preventDefault: vi.fn() });
    expect(core.dispose).toHaveBeenCalledTimes(1);
  });

  it('honours PORTOLAN_USER_DATA and ELECTRON_RENDERER_URL in development only', async () => {
    const dev = await boot({ env: { PORTOLAN_USER_DATA: '/tmp/portolan-e2e', ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    expect(dev.electron.app.setPath).toHaveBeenCalledWith('userData', '/tmp/portolan-e2e');
    await dev.ready();
    expect(dev.electron.BrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173');

    const packaged = await boot({ isPackaged: true, env: { PORTOLAN_USER_DATA: '/tmp/elsewhere', ELECTRON_RENDERER_URL: 'https://evil.example' } });
    expect(packaged.electron.app.setPath).not.toHaveBeenCalled();
    await packaged.ready();
    expect(packaged.electron.BrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith('app://portolan/index.html');
  });

  it('shows an error and exits when the core cannot start', async () => {
    const { electron, ready } = await boot({ coreFails: true });
    await ready();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Portolan could not start', 'history folder is not writable');
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });
});

describe('portolan:// links', () => {
  const inboxOf = (createCore: { mock: { calls: unknown[][] } }) => (createCore.mock.calls[0]![0] as { links: LinkInbox }).links;
  const trusted = (window: { webContents: FakeWebContents }) => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });

  it('registers portolan:// with the OS: plainly when packaged, with the Electron binary and app path in development', async () => {
    const packaged = await boot({ isPackaged: true });
    expect(packaged.electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('portolan');
    const dev = await boot({ defaultApp: true, argv: ['/usr/lib/electron/electron', '.'] });
    expect(dev.electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('portolan', process.execPath, [process.cwd()]);
    // A test instance with its own data folder leaves the machine's link handler alone.
    const test = await boot({ defaultApp: true, argv: ['/usr/lib/electron/electron', '.'], env: { PORTOLAN_USER_DATA: '/tmp/portolan-e2e' } });
    expect(test.electron.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it('queues the link this process was started with (Windows/Linux argv) for the first page to pull', async () => {
    const { createCore, ready } = await boot({ argv: ['/opt/Portolan/portolan', '--no-sandbox-is-not-ours', 'portolan://lookup?host=85.13.139.18&port=21'] });
    await ready();
    expect(inboxOf(createCore).take()).toEqual([{ ok: true, target: { kind: 'hostPort', host: '85.13.139.18', port: 21 } }]);
  });

  it('macOS open-url: prevents the default, queues the link until the window exists, then nudges the page without data', async () => {
    const { electron, createCore, ready, logLines } = await boot();
    const event = { preventDefault: vi.fn() };
    // Delivered at launch, before 'ready': there is no window yet, nothing to reveal or nudge.
    electron.app.emit('open-url', event, 'portolan://hostport/ODUuMTMuMTM5LjE4JCQyMQ==');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    await ready();
    const window = electron.BrowserWindow.instances[0]!;
    electron.app.emit('open-url', { preventDefault: vi.fn() }, 'portolan://lookup?host=example.com&port=443');
    expect(window.webContents.send).toHaveBeenCalledTimes(1);
    expect(window.webContents.send).toHaveBeenCalledWith('portolan:notify:linkAvailable');
    expect(window.focus).toHaveBeenCalled();
    expect(inboxOf(createCore).take()).toEqual([
      { ok: true, target: { kind: 'id', hostPortId: 'ODUuMTMuMTM5LjE4JCQyMQ==' } },
      { ok: true, target: { kind: 'hostPort', host: 'example.com', port: 443 } },
    ]);
    expect(logLines.some((l) => l.includes('Link received (open-url): example.com port 443'))).toBe(true);
  });

  it('second-instance: takes the link from its argv, restores and focuses the running window, nudges it', async () => {
    const { electron, createCore, ready } = await boot();
    await ready();
    const window = electron.BrowserWindow.instances[0]!;
    window.minimized = true;
    electron.app.emit('second-instance', {}, ['C:\\Portolan\\Portolan.exe', '--allow-file-access-from-files', 'portolan://lookup?hostPortId=abc'], 'C:\\');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith('portolan:notify:linkAvailable');
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(inboxOf(createCore).take()).toEqual([{ ok: true, target: { kind: 'id', hostPortId: 'abc' } }]);
  });

  it('a hostile link is refused with its reason queued and logged, never looked up', async () => {
    const { electron, createCore, ready, logLines } = await boot();
    await ready();
    electron.app.emit('second-instance', {}, ['portolan', 'portolan://user:pw@lookup?host=1.2.3.4&port=21'], '/');
    electron.app.emit('open-url', { preventDefault: vi.fn() }, 'javascript:alert(1)');
    expect(inboxOf(createCore).take()).toEqual([
      { ok: false, message: expect.stringMatching(/user name or password/) },
      { ok: false, message: expect.stringMatching(/Only portolan/) },
    ]);
    expect(logLines.filter((l) => l.startsWith('Link refused'))).toHaveLength(2);
  });

  it('the page pulls links through app:pendingLinks, which checks the sender like every channel', async () => {
    const { fake, ready } = await boot();
    await ready();
    const handler = fake.ipcHandlers.get('portolan:app:pendingLinks');
    expect(handler).toBeDefined();
    const stranger = new FakeWebContents();
    expect(await handler!({ sender: stranger, senderFrame: stranger.mainFrame }, {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const window = fake.electron.BrowserWindow.instances[0]!;
    expect(await handler!(trusted(window), {})).toMatchObject({ ok: true });
  });

  it('reopens a window for a link on macOS when the last one was closed', async () => {
    const { electron, ready } = await boot();
    await ready();
    const first = electron.BrowserWindow.instances[0]!;
    first.destroyed = true;
    first.emit('closed');
    electron.app.emit('open-url', { preventDefault: vi.fn() }, 'portolan://lookup?host=example.com&port=443');
    expect(electron.BrowserWindow.instances).toHaveLength(2);
  });
});

describe('desktop conventions in the shell', () => {
  it('starts the crash reporter before ready, keeping dumps local', async () => {
    const { electron } = await boot();
    expect(electron.crashReporter.start).toHaveBeenCalledWith({ uploadToServer: false });
    expect(electron.app.whenReady).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it("logs to <userData>/logs through the core's token redaction, and gives the core the log", async () => {
    const { createCore, ready, logLines } = await boot();
    await ready();
    const opts = createCore.mock.calls[0]![0] as { log(line: string): void };
    opts.log('token secret-token-123 refreshed');
    expect(logLines).toContain('token [redacted] refreshed');
    expect(logLines[0]).toMatch(/^Portolan 0\.1\.0 starting/);
  });

  it('Settings… reveals the window and nudges it without data; Help opens the log and data folders', async () => {
    const { electron, ready } = await boot();
    await ready();
    const template = (electron.Menu.buildFromTemplate.mock.calls[0] as unknown as [{ label?: string; submenu?: { label?: string; click?: () => void }[] }[]])[0];
    const items = template.flatMap((m) => m.submenu ?? []);
    const window = electron.BrowserWindow.instances[0]!;
    items.find((i) => i.label === 'Settings…')!.click!();
    expect(window.webContents.send).toHaveBeenCalledWith('portolan:notify:openSettings');
    expect(window.webContents.send.mock.calls.every((c) => c.length === 1)).toBe(true);
    items.find((i) => i.label === 'Open data folder')!.click!();
    items.find((i) => i.label === 'Open log folder')!.click!();
    await eventually(() => expect(electron.shell.openPath).toHaveBeenCalledTimes(2));
    expect(electron.shell.openPath.mock.calls.map((c) => c[0])).toEqual(['/fake/userData', join('/fake/userData', 'logs')]);
  });

  it('a Go menu item sends the page its command name on the one menu-command channel', async () => {
    const { electron, ready } = await boot();
    await ready();
    const template = (electron.Menu.buildFromTemplate.mock.calls[0] as unknown as [{ label?: string; submenu?: { label?: string; click?: () => void }[] }[]])[0];
    const go = template.find((m) => m.label === 'Go')!.submenu!;
    const window = electron.BrowserWindow.instances[0]!;
    go.find((i) => i.label === 'Focus Host')!.click!();
    go.find((i) => i.label === 'Back')!.click!();
    const sent = window.webContents.send.mock.calls.filter((c) => c[0] === 'portolan:notify:menuCommand');
    expect(sent).toEqual([
      ['portolan:notify:menuCommand', 'focusHost'],
      ['portolan:notify:menuCommand', 'back'],
    ]);
  });

  it('opens the window where it was, per display arrangement, and saves where it was closed', async () => {
    const displays: FakeDisplay[] = [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1440 } },
    ];
    const saved = {
      version: 1,
      arrangements: { '0,0,1920x1080;1920,0,2560x1440': { bounds: { x: 2000, y: 100, width: 1500, height: 1000 }, maximized: true } },
      last: '0,0,1920x1080;1920,0,2560x1440',
    };
    const { electron, ready, stateFile, jsonStores } = await boot({ displays, savedWindowState: saved });
    await ready();
    expect(jsonStores).toEqual([join('/fake/userData', 'window-state.json')]);
    const window = electron.BrowserWindow.instances[0]!;
    expect(window.options).toMatchObject({ x: 2000, y: 100, width: 1500, height: 1000 });
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalled();
    window.maximized = false;
    window.normalBounds = { x: 2100, y: 200, width: 1300, height: 900 };
    window.emit('close', { preventDefault: vi.fn() });
    await eventually(() => expect(stateFile.writes).toBe(1));
    expect((stateFile.value as typeof saved).arrangements['0,0,1920x1080;1920,0,2560x1440']).toEqual({ bounds: { x: 2100, y: 200, width: 1300, height: 900 }, maximized: false });
  });

  it('centres at the default size when the saved monitor is gone', async () => {
    const saved = {
      version: 1,
      arrangements: { '0,0,1920x1080;1920,0,2560x1440': { bounds: { x: 2000, y: 100, width: 1500, height: 1000 }, maximized: true } },
      last: '0,0,1920x1080;1920,0,2560x1440',
    };
    const { electron, ready } = await boot({ savedWindowState: saved });
    await ready();
    const window = electron.BrowserWindow.instances[0]!;
    expect(window.options).toMatchObject({ x: 320, y: 90, width: 1280, height: 860 });
    window.emit('ready-to-show');
    expect(window.maximize).not.toHaveBeenCalled();
  });
});
