import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

// electron-store itself needs the Electron runtime (it reads app paths from 'electron' at construction),
// so this pins what the adapter passes to it; conf, underneath, is exercised by the core's own tests.
const constructed = vi.hoisted(() => [] as unknown[]);
vi.mock('electron', () => createFakeElectron().module);
vi.mock('electron-store', () => ({
  default: class FakeStore {
    readonly path = '/x/history.json';
    readonly store = {};
    constructor(options: unknown) {
      constructed.push(options);
    }
  },
}));

const { kvStoreFactory } = await import('../../../src-main/electron/kv');

describe('electron-store KvStoreFactory', () => {
  it('opens the named file in the given folder and never wipes a corrupt file by default', () => {
    const store = kvStoreFactory({ name: 'index', cwd: '/data/history' });
    expect(constructed.at(-1)).toEqual({ name: 'index', cwd: '/data/history', clearInvalidConfig: false, configFileMode: 0o600 });
    expect(store.path).toBe('/x/history.json');
  });

  it('passes an explicit clearInvalidConfig through', () => {
    kvStoreFactory({ name: 'settings', cwd: '/data', clearInvalidConfig: true });
    expect(constructed.at(-1)).toEqual({ name: 'settings', cwd: '/data', clearInvalidConfig: true, configFileMode: 0o600 });
  });
});
