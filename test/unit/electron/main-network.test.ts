// The shell's side of Settings › Network, the theme and proxy credentials: what main hands the core, and how
// Chromium's login event is answered. Electron is the fake module; the core is a spy.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';
import type { ProxyLoginQueue } from '../../../src-main/core/net/proxy-login';
import { eventually } from '../../support/eventually';

const { channels } = await import('../../../src-shared/contract');

async function boot() {
  vi.resetModules();
  const fake = createFakeElectron();
  const logLines: string[] = [];
  vi.doMock('../../../src-main/core/log-file', () => ({
    createRotatingLog: vi.fn((opts: { dir: string }) => ({ dir: opts.dir, file: `${opts.dir}/portolan.log`, write: (line: string) => logLines.push(line), flush: async () => undefined })),
  }));
  vi.doMock('../../../src-main/core/fs/json-file', () => ({ createJsonFileStore: vi.fn(() => ({ read: async () => null, write: async () => undefined })) }));
  vi.doMock('electron', () => fake.module);
  vi.doMock('electron-store', () => ({ default: class FakeStore {} }));
  const handlers = Object.fromEntries(Object.keys(channels).map((c) => [c, vi.fn(async () => ({ ok: true, value: {} }))]));
  const core = { handlers, authority: vi.fn(() => null), redact: vi.fn((t: string) => t), dispose: vi.fn(async () => undefined) };
  const createCore = vi.fn(async (_opts: Record<string, unknown>) => core);
  vi.doMock('../../../src-main/core/app', () => ({ createCore }));
  await import('../../../src-main/electron/main');
  fake.fireReady();
  await eventually(() => expect(fake.electron.BrowserWindow.instances).toHaveLength(1));
  const opts = createCore.mock.calls[0]![0] as {
    applyProxy(config: unknown): Promise<void>;
    applyTheme(theme: string): void;
    proxyLogins: ProxyLoginQueue;
  };
  return { electron: fake.electron, opts, logLines };
}

type LoginListener = (event: { preventDefault(): void }, contents: unknown, details: unknown, authInfo: unknown, callback: (u?: string, p?: string) => void) => void;

function login(app: { listeners(name: string): unknown[] }, authInfo: Record<string, unknown>) {
  const [listener] = app.listeners('login') as LoginListener[];
  const callback = vi.fn();
  const event = { preventDefault: vi.fn() };
  listener!(event, null, { url: 'https://graph.microsoft.com/', firstAuthAttempt: true }, authInfo, callback);
  return { callback, event };
}

const PROXY = { isProxy: true, scheme: 'basic', host: 'proxy.corp.example', port: 3128, realm: 'Corp' };

afterEach(() => {
  for (const m of ['../../../src-main/core/log-file', '../../../src-main/core/fs/json-file', 'electron', 'electron-store', '../../../src-main/core/app']) vi.doUnmock(m);
});

describe('Settings › Network and the theme in the shell', () => {
  it("applyProxy sets the default session's proxy, then closes its pooled connections", async () => {
    const { electron, opts } = await boot();
    const ses = electron.session.defaultSession;
    const config = { mode: 'fixed_servers', proxyRules: 'http=proxy:3128;https=proxy:3128', proxyBypassRules: '<local>' };
    await opts.applyProxy(config);
    expect(ses.setProxy).toHaveBeenCalledWith(config);
    expect(ses.closeAllConnections).toHaveBeenCalledTimes(1);
    expect(ses.setProxy.mock.invocationCallOrder[0]!).toBeLessThan(ses.closeAllConnections.mock.invocationCallOrder[0]!);
  });

  it("applyTheme sets nativeTheme.themeSource", async () => {
    const { electron, opts } = await boot();
    opts.applyTheme('dark');
    expect(electron.nativeTheme.themeSource).toBe('dark');
    opts.applyTheme('system');
    expect(electron.nativeTheme.themeSource).toBe('system');
  });
});

describe("proxy credentials through Chromium's login event", () => {
  it('a proxy challenge is queued for the page, which is nudged without data; the answer reaches the callback once', async () => {
    const { electron, opts, logLines } = await boot();
    const window = electron.BrowserWindow.instances[0]!;
    const { callback, event } = login(electron.app, PROXY);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(callback).not.toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith('portolan:notify:proxyLogin');
    expect(window.webContents.send.mock.calls.at(-1)).toEqual(['portolan:notify:proxyLogin']);
    const challenge = opts.proxyLogins.pending()!;
    expect(challenge).toMatchObject({ host: 'proxy.corp.example', port: 3128, realm: 'Corp', scheme: 'basic' });
    expect(opts.proxyLogins.answer({ id: challenge.id, username: 'jdoe-corp', password: 'hunter2-secret' })).toBe(true);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith('jdoe-corp', 'hunter2-secret');
    expect(opts.proxyLogins.answer({ id: challenge.id, username: 'again', password: 'x' })).toBe(false);
    expect(callback).toHaveBeenCalledTimes(1);
    // Credentials never reach the log.
    expect(logLines.join('\n')).not.toContain('hunter2-secret');
    expect(logLines.join('\n')).not.toContain('jdoe-corp');
  });

  it('cancel calls the callback with nothing', async () => {
    const { electron, opts } = await boot();
    const { callback } = login(electron.app, PROXY);
    opts.proxyLogins.answer({ id: opts.proxyLogins.pending()!.id, cancel: true });
    expect(callback.mock.calls).toEqual([[]]);
  });

  it("a web server's request for credentials is refused at once and never shown to the analyst", async () => {
    const { electron, opts } = await boot();
    const window = electron.BrowserWindow.instances[0]!;
    window.webContents.send.mockClear();
    const { callback } = login(electron.app, { ...PROXY, isProxy: false, host: 'graph.evil.example', port: 443 });
    expect(callback.mock.calls).toEqual([[]]);
    expect(opts.proxyLogins.pending()).toBeNull();
    expect(window.webContents.send).not.toHaveBeenCalled();
  });

  it('quitting gives up on a challenge still waiting', async () => {
    const { electron, opts } = await boot();
    const { callback } = login(electron.app, PROXY);
    // The core's dispose gives up on the queue; here the core is a spy, so the queue is disposed directly.
    opts.proxyLogins.dispose();
    expect(callback.mock.calls).toEqual([[]]);
  });
});

describe('Graph and sign-in requests (net.request) and proxy credentials', () => {
  type Transport = (r: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{ status: number; body: string; headers: Record<string, string> }>;

  async function bootWithTransport() {
    const booted = await boot();
    const createCore = (await import('../../../src-main/core/app')).createCore as unknown as { mock: { calls: [{ transport: Transport }][] } };
    return { ...booted, transport: createCore.mock.calls[0]![0].transport };
  }

  it('sends method, headers and body, and reads status, headers and body back', async () => {
    const { electron, transport } = await bootWithTransport();
    const res = await transport({ method: 'POST', url: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=x' });
    expect(res).toMatchObject({ status: 200, body: '{"ok":true}', headers: { 'content-type': 'application/json' } });
    const request = electron.net.requests[0]!;
    expect(request.options).toMatchObject({ method: 'POST', redirect: 'error', credentials: 'omit' });
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.written).toEqual(['grant_type=x']);
  });

  it("a proxy's 407 challenge on a Graph request asks the analyst; the answer goes to that request's callback", async () => {
    const { electron, opts, transport } = await bootWithTransport();
    const window = electron.BrowserWindow.instances[0]!;
    const callback = vi.fn();
    electron.net.respond = (request) => {
      request.emit('login', PROXY, (user?: string, password?: string) => {
        callback(user, password);
        request.reply(200, '{"value":[]}');
      });
    };
    const pending = transport({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/security/threatIntelligence/hosts/x' });
    await eventually(() => expect(opts.proxyLogins.pending()).not.toBeNull());
    expect(window.webContents.send).toHaveBeenCalledWith('portolan:notify:proxyLogin');
    opts.proxyLogins.answer({ id: opts.proxyLogins.pending()!.id, username: 'jdoe-corp', password: 'pw' });
    await expect(pending).resolves.toMatchObject({ status: 200, body: '{"value":[]}' });
    expect(callback).toHaveBeenCalledWith('jdoe-corp', 'pw');
  });

  it('a request that ends while its challenge waits withdraws it, and the page is nudged to pull again', async () => {
    const { electron, opts, transport } = await bootWithTransport();
    const window = electron.BrowserWindow.instances[0]!;
    const callback = vi.fn();
    electron.net.respond = (request) => void request.emit('login', PROXY, callback);
    const controller = new AbortController();
    const pending = transport({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/x', signal: controller.signal });
    await eventually(() => expect(opts.proxyLogins.pending()).not.toBeNull());
    window.webContents.send.mockClear();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ error: { kind: 'cancelled' } });
    expect(electron.net.requests[0]!.aborted).toBe(true);
    expect(opts.proxyLogins.pending()).toBeNull();
    expect(callback.mock.calls).toEqual([[]]);
    expect(window.webContents.send).toHaveBeenCalledWith('portolan:notify:proxyLogin');
  });

  it("a web server's challenge on a request is refused without asking", async () => {
    const { electron, opts, transport } = await bootWithTransport();
    const callback = vi.fn();
    electron.net.respond = (request) => {
      request.emit('login', { ...PROXY, isProxy: false }, (...args: unknown[]) => {
        callback(...args);
        request.reply(401, '');
      });
    };
    await expect(transport({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/x' })).resolves.toMatchObject({ status: 401 });
    expect(callback.mock.calls).toEqual([[]]);
    expect(opts.proxyLogins.pending()).toBeNull();
  });
});
