import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeElectron }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron');
  fake.current = createFakeElectron();
  return fake.current.module;
});

const { CHANNEL_NAMES } = await import('../../../src-shared/channels');
await import('../../../src-main/preload/index');

type Exposed = {
  invoke(channel: unknown, request?: unknown): Promise<unknown>;
  onLinkAvailable(listener: unknown): () => void;
  onOpenSettings(listener: unknown): () => void;
  onProxyLogin(listener: unknown): () => void;
  onMenuCommand(listener: unknown): () => void;
};
const exposeCalls = () => fake.current.electron.contextBridge.exposeInMainWorld.mock.calls;
const exposed = () => exposeCalls()[0]![1] as Exposed;

describe('preload', () => {
  beforeEach(() => fake.current.electron.ipcRenderer.invoke.mockClear());

  it('exposes exactly one object, window.portolan: invoke and the two data-less listeners', () => {
    expect(exposeCalls()).toHaveLength(1);
    expect(exposeCalls()[0]![0]).toBe('portolan');
    expect(Object.keys(exposed())).toEqual(['invoke', 'onLinkAvailable', 'onOpenSettings', 'onProxyLogin', 'onMenuCommand']);
    expect(typeof exposed().invoke).toBe('function');
    expect(Object.isFrozen(exposed())).toBe(true);
  });

  it('forwards every contract channel on its prefixed IPC channel with the request only', async () => {
    for (const channel of CHANNEL_NAMES) {
      await exposed().invoke(channel, { a: 1 });
      expect(fake.current.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(`portolan:${channel}`, { a: 1 });
    }
    expect(fake.current.electron.ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
  });

  it('returns main’s Result as it is', async () => {
    fake.current.electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'notFound', message: 'never observed', requestId: 'r-1' } });
    expect(await exposed().invoke('lookup:run', { requestId: 'x' })).toEqual({ ok: false, error: { kind: 'notFound', message: 'never observed', requestId: 'r-1' } });
  });

  it.each(['electron-store-get-data', 'portolan:app:info', 'app:info ', '__proto__', 'toString', 'constructor', 42, null, undefined])(
    'refuses %s with a typed value and sends nothing',
    async (channel) => {
      const result = await exposed().invoke(channel, {});
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
      expect(fake.current.electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['onLinkAvailable', 'portolan:notify:linkAvailable'],
    ['onOpenSettings', 'portolan:notify:openSettings'],
    ['onProxyLogin', 'portolan:notify:proxyLogin'],
  ] as const)('%s relays a nudge on %s with no arguments at all, and unsubscribes', (name, channel) => {
    const ipc = fake.current.electron.ipcRenderer;
    ipc.on.mockClear();
    const listener = vi.fn();
    const off = exposed()[name](listener);
    expect(ipc.on).toHaveBeenCalledTimes(1);
    const [subscribed, relay] = ipc.on.mock.calls[0] as unknown as [string, (...args: unknown[]) => void];
    expect(subscribed).toBe(channel);
    // Whatever arrives (an IpcRendererEvent with its sender, any payload), the page's listener gets nothing.
    relay({ sender: { send() {} }, ports: [] }, { smuggled: true });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([]);
    const removeListener = (ipc as unknown as { removeListener: ReturnType<typeof vi.fn> }).removeListener;
    off();
    expect(removeListener).toHaveBeenCalledWith(channel, relay);
    ipc.on.mockClear();
  });

  it('onMenuCommand passes on a known command name only, never the event or anything else, and unsubscribes', () => {
    const ipc = fake.current.electron.ipcRenderer;
    ipc.on.mockClear();
    const listener = vi.fn();
    const off = exposed().onMenuCommand(listener);
    const [subscribed, relay] = ipc.on.mock.calls[0] as unknown as [string, (...args: unknown[]) => void];
    expect(subscribed).toBe('portolan:notify:menuCommand');
    const event = { sender: { send() {} }, ports: [] };
    relay(event, 'focusHost');
    relay(event, 'back', { smuggled: true });
    for (const bad of ['openDevTools', 'focusHost ', '__proto__', { name: 'help' }, 42, null, undefined]) relay(event, bad);
    expect(listener.mock.calls).toEqual([['focusHost'], ['back']]);
    const removeListener = (ipc as unknown as { removeListener: ReturnType<typeof vi.fn> }).removeListener;
    off();
    expect(removeListener).toHaveBeenCalledWith('portolan:notify:menuCommand', relay);
    expect(typeof exposed().onMenuCommand('not a function')).toBe('function');
    ipc.on.mockClear();
  });

  it('ignores a listener that is not a function', () => {
    fake.current.electron.ipcRenderer.on.mockClear();
    expect(typeof exposed().onLinkAvailable('not a function')).toBe('function');
    expect(fake.current.electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('never sends through raw APIs (no event objects can leak)', () => {
    expect(fake.current.electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(fake.current.electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });
});

describe('preload source', () => {
  it("imports at runtime only 'electron' and the dependency-free channel list (sandbox-safe, no zod)", async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../src-main/preload/index.ts', import.meta.url), 'utf8');
    const runtimeImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports.sort()).toEqual(['../../src-shared/channels', 'electron']);
    expect(text).not.toMatch(/require\(/);
  });
});
