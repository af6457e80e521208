import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, FakeWebContents } from './fake-electron';

const { channels } = await import('../../../src-main/shared/contract');

async function boot(options: { isPackaged?: boolean; lock?: boolean; env?: Record<string, string>; coreFails?: boolean } = {}) {
  vi.resetModules();
  for (const [k, v] of Object.entries(options.env ?? {})) vi.stubEnv(k, v);
  const fake = createFakeElectron(options);
  vi.doMock('electron', () => fake.module);
  // electron-store is loaded by Node, outside Vitest's module mocks, and would reach the real 'electron'.
  vi.doMock('electron-store', () => ({ default: class FakeStore {} }));
  const handlers = Object.fromEntries(Object.keys(channels).map((c) => [c, vi.fn(async () => ({ ok: true, value: {} }))]));
  const core = { handlers, authority: vi.fn(() => 'https://login.microsoftonline.com'), dispose: vi.fn(async () => undefined) };
  const createCore = vi.fn(async (_opts: Record<string, unknown>) => {
    if (options.coreFails) throw new Error('history folder is not writable');
    return core;
  });
  vi.doMock('../../../src-main/core/app', () => ({ createCore }));
  await import('../../../src-main/electron/main');
  const ready = async () => {
    fake.fireReady();
    await vi.waitFor(() => {
      if (options.coreFails) expect(fake.electron.app.exit).toHaveBeenCalled();
      else expect(fake.electron.BrowserWindow.instances).toHaveLength(1);
    });
  };
  return { fake, electron: fake.electron, core, createCore, ready };
}

afterEach(() => {
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
    await vi.waitFor(() => expect(core.dispose).toHaveBeenCalledTimes(1));
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
