import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron, type FakeDisplay } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { createWindowStateKeeper } = await import('../../../src-main/electron/window-state');
const { BrowserWindow } = (await import('electron')) as unknown as ReturnType<typeof createFakeElectron>['electron'];

const laptop: FakeDisplay = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitor: FakeDisplay = { id: 2, bounds: { x: 1440, y: 0, width: 2560, height: 1440 }, workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };

function fakeScreen(initial: FakeDisplay[]) {
  let displays = initial;
  return {
    set: (next: FakeDisplay[]) => (displays = next),
    port: { getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0]! } as never,
  };
}

function memoryStore(initial: unknown = null) {
  const state = { value: initial, writes: 0, fail: false };
  return {
    state,
    store: {
      read: async () => state.value,
      write: async (value: unknown) => {
        if (state.fail) throw new Error('disk full');
        state.value = JSON.parse(JSON.stringify(value));
        state.writes++;
      },
    },
  };
}

describe('window state keeper', () => {
  it('saves the normal bounds and maximised state on close, for the screens attached then', async () => {
    const screen = fakeScreen([laptop, monitor]);
    const { state, store } = memoryStore();
    const keeper = await createWindowStateKeeper(store, screen.port);
    expect(keeper.placement()).toEqual({ bounds: { x: 80, y: 33, width: 1280, height: 860 }, maximized: false });
    const window = new BrowserWindow({});
    keeper.track(window as never);
    window.normalBounds = { x: 1500, y: 40, width: 1600, height: 1000 };
    window.maximized = true;
    window.emit('close', { preventDefault: vi.fn() });
    await keeper.flush();
    expect(state.writes).toBe(1);
    // The next window (macOS reopens one after the last was closed) opens where this one was.
    expect(keeper.placement()).toEqual({ bounds: { x: 1500, y: 40, width: 1600, height: 1000 }, maximized: true });
    // Undocked: that monitor is gone, so the window is centred on the laptop instead.
    screen.set([laptop]);
    expect(keeper.placement()).toEqual({ bounds: { x: 80, y: 33, width: 1280, height: 860 }, maximized: false });
  });

  it('restores from the file read at start, and reports a failed save without throwing', async () => {
    const screen = fakeScreen([laptop]);
    const saved = { version: 1, arrangements: { '0,0,1440x900': { bounds: { x: 10, y: 40, width: 900, height: 700 }, maximized: false } }, last: '0,0,1440x900' };
    const { state, store } = memoryStore(saved);
    const errors: unknown[] = [];
    const keeper = await createWindowStateKeeper(store, screen.port, (e) => errors.push(e));
    expect(keeper.placement()).toEqual({ bounds: { x: 10, y: 40, width: 900, height: 700 }, maximized: false });
    state.fail = true;
    const window = new BrowserWindow({});
    keeper.track(window as never);
    window.emit('close', { preventDefault: vi.fn() });
    await keeper.flush();
    expect(errors).toHaveLength(1);
  });
});
