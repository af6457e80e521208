import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeElectron }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron');
  fake.current = createFakeElectron();
  return fake.current.module;
});

const { CHANNEL_NAMES } = await import('../../../src-main/shared/channels');
await import('../../../src-main/preload/index');

type Exposed = { invoke(channel: unknown, request?: unknown): Promise<unknown> };
const exposeCalls = () => fake.current.electron.contextBridge.exposeInMainWorld.mock.calls;
const exposed = () => exposeCalls()[0]![1] as Exposed;

describe('preload', () => {
  beforeEach(() => fake.current.electron.ipcRenderer.invoke.mockClear());

  it('exposes exactly one object, window.portolan, with exactly one function, invoke', () => {
    expect(exposeCalls()).toHaveLength(1);
    expect(exposeCalls()[0]![0]).toBe('portolan');
    expect(Object.keys(exposed())).toEqual(['invoke']);
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

  it('never touches the raw listener APIs (no event objects can leak)', () => {
    expect(fake.current.electron.ipcRenderer.on).not.toHaveBeenCalled();
    expect(fake.current.electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(fake.current.electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });
});

describe('preload source', () => {
  it("imports at runtime only 'electron' and the dependency-free channel list (sandbox-safe, no zod)", async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../src-main/preload/index.ts', import.meta.url), 'utf8');
    const runtimeImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports.sort()).toEqual(['../shared/channels', 'electron']);
    expect(text).not.toMatch(/require\(/);
  });
});
