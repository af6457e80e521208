import { describe, expect, it } from 'vitest';
import { WriteWindow } from '../../../src-main/core/history/write-window';

/** A write the test finishes by hand. */
function held(): { write: () => Promise<void>; started: boolean; finish: (err?: Error) => void } {
  const h = {
    started: false,
    finish: (_err?: Error): void => undefined,
    write: (): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        h.started = true;
        h.finish = (err) => (err ? reject(err) : resolve());
      }),
  };
  return h;
}

describe('WriteWindow', () => {
  it('has at most its size in flight; the next starts when one finishes', async () => {
    const window = new WriteWindow(2);
    const [a, b, c] = [held(), held(), held()];
    await window.add(a.write);
    await window.add(b.write);
    let thirdStarted = false;
    const adding = window.add(c.write).then(() => (thirdStarted = true));
    await Promise.resolve();
    expect([a.started, b.started, c.started, thirdStarted]).toEqual([true, true, false, false]);
    b.finish();
    await adding;
    expect(c.started).toBe(true);
    let drained = false;
    const draining = window.drain().then(() => (drained = true));
    a.finish();
    await new Promise((r) => setImmediate(r));
    expect(drained).toBe(false);
    c.finish();
    await draining;
    expect(drained).toBe(true);
  });

  it('keeps the first failure: drain still waits for the rest, and the next add throws it without starting', async () => {
    const window = new WriteWindow(4);
    const [a, b] = [held(), held()];
    await window.add(a.write);
    await window.add(b.write);
    a.finish(new Error('ENOSPC: no space left on device'));
    b.finish(new Error('a later failure'));
    await window.drain();
    expect((window.failure?.err as Error).message).toMatch(/ENOSPC/);
    const c = held();
    await expect(window.add(c.write)).rejects.toThrow(/ENOSPC/);
    expect(c.started).toBe(false);
  });
});
