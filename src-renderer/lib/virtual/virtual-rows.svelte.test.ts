import { describe, expect, it } from 'vitest';
import { OVERSCAN, VirtualRows } from './virtual-rows.svelte';

/** A scheduler the test runs by hand. */
function manual() {
  const queue: (() => void)[] = [];
  return {
    later: (work: () => void) => {
      queue.push(work);
      return () => {
        const i = queue.indexOf(work);
        if (i >= 0) queue.splice(i, 1);
      };
    },
    runAll: () => queue.splice(0).forEach((w) => w()),
    get pending() {
      return queue.length;
    },
  };
}

const ids = Array.from({ length: 10_000 }, (_, i) => i);

describe('virtual rows: what one frame renders', () => {
  it('the first window holds only the rows on screen; the margin follows when idle', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(0, 500);
    expect(rows.range).toMatchObject({ start: 0, end: 6 });
    idle.runAll();
    expect(rows.range).toMatchObject({ start: 0, end: 6 + OVERSCAN });
  });

  it('a jump to the end renders only what is on screen, then widens; small scrolls keep the margin', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(0, 500);
    idle.runAll();
    rows.scrolled(200, 500); // a small scroll: margin kept, nothing scheduled
    expect(idle.pending).toBe(0);
    expect(rows.range).toMatchObject({ start: 0, end: 8 + OVERSCAN });

    rows.scrolled(10_000 * 100 - 500, 500); // End
    expect(rows.range).toMatchObject({ start: 9_995, end: 10_000 });
    expect(rows.range.before).toBe(9_995 * 100);
    idle.runAll();
    expect(rows.range).toMatchObject({ start: 9_995 - OVERSCAN, end: 10_000 });
  });

  it('dispose cancels the pending widening', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    expect(idle.pending).toBe(1);
    rows.dispose();
    expect(idle.pending).toBe(0);
  });
});
