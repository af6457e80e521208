import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../src-main/core/fs/json-file';
import {
  arrangementKey,
  chooseWindowPlacement,
  emptyWindowState,
  MAX_ARRANGEMENTS,
  parseWindowState,
  recordWindowPlacement,
  type DisplayInfo,
} from '../../../src-main/core/window-placement';

const display = (id: number, x: number, y: number, width: number, height: number, menuBar = 0): DisplayInfo => ({
  id,
  bounds: { x, y, width, height },
  workArea: { x, y: y + menuBar, width, height: height - menuBar },
});
const laptop = display(1, 0, 0, 1440, 900, 25);
const monitor = display(2, 1440, 0, 2560, 1440);
const smallLaptop = display(3, 0, 0, 1024, 700);

describe('window placement', () => {
  it('opens centred on the primary display at the default size when nothing is saved', () => {
    expect(chooseWindowPlacement(emptyWindowState(), [laptop], laptop)).toEqual({
      bounds: { x: 80, y: 33, width: 1280, height: 860 },
      maximized: false,
      restored: false,
    });
  });

  it('fits the default size into a small primary display', () => {
    expect(chooseWindowPlacement(emptyWindowState(), [smallLaptop], smallLaptop).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
  });

  it('restores size, position and maximised state saved with the same screens', () => {
    const saved = recordWindowPlacement(emptyWindowState(), [laptop, monitor], { bounds: { x: 1600, y: 100, width: 1400, height: 1000 }, maximized: true });
    expect(chooseWindowPlacement(saved, [monitor, laptop], laptop)).toEqual({
      bounds: { x: 1600, y: 100, width: 1400, height: 1000 },
      maximized: true,
      restored: true,
    });
  });

  it('remembers each arrangement on its own (docked and undocked)', () => {
    let saved = recordWindowPlacement(emptyWindowState(), [laptop, monitor], { bounds: { x: 1600, y: 100, width: 1400, height: 1000 }, maximized: false });
    saved = recordWindowPlacement(saved, [laptop], { bounds: { x: 10, y: 30, width: 900, height: 700 }, maximized: false });
    expect(chooseWindowPlacement(saved, [laptop], laptop).bounds).toEqual({ x: 10, y: 30, width: 900, height: 700 });
    expect(chooseWindowPlacement(saved, [laptop, monitor], laptop).bounds).toEqual({ x: 1600, y: 100, width: 1400, height: 1000 });
  });

  it('does not restore onto a monitor that is gone: centres on the primary instead', () => {
    const saved = recordWindowPlacement(emptyWindowState(), [laptop, monitor], { bounds: { x: 1600, y: 100, width: 1400, height: 1000 }, maximized: true });
    expect(chooseWindowPlacement(saved, [laptop], laptop)).toEqual({ bounds: { x: 80, y: 33, width: 1280, height: 860 }, maximized: false, restored: false });
  });

  it('uses the last placement with new screens only while its title bar is on one of them', () => {
    const saved = recordWindowPlacement(emptyWindowState(), [laptop], { bounds: { x: 100, y: 100, width: 900, height: 700 }, maximized: false });
    const newMonitor = display(4, -1920, 0, 1920, 1080);
    expect(chooseWindowPlacement(saved, [laptop, newMonitor], laptop)).toMatchObject({ restored: true, bounds: { x: 100, y: 100 } });
    // Title bar above every screen, or only a sliver of the window on one: not visible enough.
    const above = recordWindowPlacement(emptyWindowState(), [laptop], { bounds: { x: 100, y: -800, width: 900, height: 700 }, maximized: false });
    expect(chooseWindowPlacement(above, [laptop], laptop).restored).toBe(false);
    const sliver = recordWindowPlacement(emptyWindowState(), [laptop], { bounds: { x: 1400, y: 100, width: 900, height: 700 }, maximized: false });
    expect(chooseWindowPlacement(sliver, [laptop], laptop).restored).toBe(false);
  });

  it('keys arrangements by screen geometry, not by the order Electron lists them', () => {
    expect(arrangementKey([laptop, monitor])).toBe(arrangementKey([monitor, laptop]));
    expect(arrangementKey([laptop])).not.toBe(arrangementKey([laptop, monitor]));
  });

  it('keeps a bounded number of arrangements', () => {
    let saved = emptyWindowState();
    for (let i = 0; i < MAX_ARRANGEMENTS + 4; i++) {
      saved = recordWindowPlacement(saved, [display(i, 0, 0, 1000 + i, 800)], { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false });
    }
    expect(Object.keys(saved.arrangements)).toHaveLength(MAX_ARRANGEMENTS);
    expect(saved.last).toBe(arrangementKey([display(0, 0, 0, 1000 + MAX_ARRANGEMENTS + 3, 800)]));
  });

  it.each([null, 'x', 42, [], { version: 2, arrangements: {} }, { version: 1, arrangements: { k: { bounds: { x: 'a' }, maximized: false } } }, { version: 1, arrangements: { k: { bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false } } }])(
    'reads a damaged or foreign file %j as nothing saved',
    (value) => {
      expect(parseWindowState(value)).toEqual(emptyWindowState());
    },
  );
});

describe('JSON file store', () => {
  it('writes and reads back a document, and reads a missing or damaged file as null', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-json-'));
    try {
      const file = join(dir, 'sub', 'window-state.json');
      const store = createJsonFileStore(file);
      expect(await store.read()).toBeNull();
      await store.write({ a: 1 });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1 });
      expect(await store.read()).toEqual({ a: 1 });
      writeFileSync(file, '{ torn');
      expect(await store.read()).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
