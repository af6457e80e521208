import { describe, expect, it } from 'vitest';
import { forEachLimited } from '../../../src-main/core/history/limited';

describe('forEachLimited', () => {
  it('runs every item, never more than the limit at once, and keeps going as each one ends', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const items = Array.from({ length: 100 }, (_, i) => i);
    await forEachLimited(items, 16, async (i) => {
      running++;
      most = Math.max(most, running);
      // Each item ends after a different number of turns, so the places free up out of order.
      for (let t = 0; t <= i % 5; t++) await Promise.resolve();
      running--;
      done.push(i);
    });
    expect(most).toBe(16);
    expect([...done].sort((a, b) => a - b)).toEqual(items);
  });

  it('does nothing for no items and stops at the first failure', async () => {
    await forEachLimited([], 4, async () => {
      throw new Error('never called');
    });
    await expect(forEachLimited([1, 2, 3], 1, async (i) => {
      if (i === 2) throw new Error('EMFILE');
    })).rejects.toThrow('EMFILE');
  });
});
