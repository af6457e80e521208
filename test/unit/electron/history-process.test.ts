// The history's utility process: main forks the bundled entry and relays messages both ways; the entry serves the
// real store over process.parentPort. Electron is the fake module; electron-store is stood in for by conf (the
// library it is built on, same files), since the real one needs Electron's runtime.
import { mkdtempSync, rmSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromHost, ToHost } from '../../../src-main/core/history-host/protocol';
import { makeSnapshot } from '../../support/snapshots';
import { createFakeElectron, FakeUtilityProcess } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);
vi.mock('electron-store', async () => {
  const { confKvFactory } = await import('../../../src-main/core/history/conf-kv');
  return {
    default: class {
      constructor(options: { name: string; cwd: string; clearInvalidConfig?: boolean }) {
        return confKvFactory(options);
      }
    },
  };
});

const { utilityHostSpawner } = await import('../../../src-main/electron/history-process');

describe('history utility process, main side', () => {
  it('forks the entry as its own service, relays messages both ways, and reports the end once', () => {
    const child = new FakeUtilityProcess();
    const fork = vi.fn((..._args: unknown[]) => child as never);
    const channel = utilityHostSpawner({ fork }, '/app/out/main/history-host.js')();
    expect(fork).toHaveBeenCalledWith('/app/out/main/history-host.js', [], expect.objectContaining({ serviceName: 'Portolan history' }));

    const received: FromHost[] = [];
    const exits: (number | null)[] = [];
    channel.onMessage((m) => received.push(m));
    channel.onExit((code) => exits.push(code));
    channel.post({ t: 'init', dir: '/data/history' });
    expect(child.posted).toEqual([{ t: 'init', dir: '/data/history' }]);
    child.emit('message', { t: 'ready', state: { mode: 'normal', notices: [], stats: { snapshots: 0, hostPorts: 0 } } });
    expect(received).toHaveLength(1);

    child.emit('error', 'FatalError', '', '');
    child.emit('exit', 9);
    expect(exits).toEqual([null]);
    channel.post({ t: 'init', dir: '/data/history' });
    expect(child.posted).toHaveLength(1);
    channel.kill();
    expect(child.kill).toHaveBeenCalled();
  });
});

describe('history utility process, the entry', () => {
  const dirs: string[] = [];
  const realPort = (process as { parentPort?: unknown }).parentPort;
  afterEach(() => {
    (process as { parentPort?: unknown }).parentPort = realPort;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('serves the real store over process.parentPort: opens, saves, answers typed failures, closes and exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-utility-history-'));
    dirs.push(dir);
    const replies: FromHost[] = [];
    const waiting: ((m: FromHost) => void)[] = [];
    const port = Object.assign(new EventEmitter(), {
      postMessage: (m: FromHost) => {
        replies.push(m);
        waiting.shift()?.(m);
      },
    });
    (process as { parentPort?: unknown }).parentPort = port;
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    await import('../../../src-main/electron/history-host');

    const ask = (m: ToHost): Promise<FromHost> => {
      const reply = new Promise<FromHost>((resolve) => waiting.push(resolve));
      port.emit('message', { data: m, ports: [] });
      return reply;
    };
    expect(await ask({ t: 'init', dir: join(dir, 'history') })).toMatchObject({ t: 'ready', state: { mode: 'normal' } });
    const saved = await ask({ t: 'call', id: 1, method: 'save', args: [makeSnapshot(0, { hostPorts: 1 })] });
    expect(saved).toMatchObject({ t: 'done', id: 1, ok: true, state: { stats: { snapshots: 1, hostPorts: 1 } } });
    expect(await ask({ t: 'call', id: 2, method: 'get', args: ['missing'] })).toMatchObject({
      t: 'done',
      id: 2,
      ok: false,
      error: { kind: 'notFound', code: 'HISTORY_SNAPSHOT_NOT_FOUND' },
    });
    expect(await ask({ t: 'call', id: 3, method: 'close', args: [] })).toMatchObject({ t: 'done', id: 3, ok: true });
    expect(exit).toHaveBeenCalledWith(0);
  });
});
