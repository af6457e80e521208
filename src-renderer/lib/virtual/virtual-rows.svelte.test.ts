import { describe, expect, it } from 'vitest';
import { nextRow } from './grid-keys';
import { OVERSCAN, OVERSCAN_STEP } from './overscan';
import { VirtualRows } from './virtual-rows.svelte';

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
    /** Runs idle turns until nothing is scheduled; returns how many it took. */
    drain: () => {
      let turns = 0;
      while (queue.length > 0 && turns < 100) {
        queue.splice(0).forEach((w) => w());
        turns++;
      }
      return turns;
    },
    get pending() {
      return queue.length;
    },
  };
}

const ids = Array.from({ length: 10_000 }, (_, i) => i);

describe('virtual rows: what one frame renders', () => {
  it('the first window holds only the rows on screen (and one estimated row of slack); the margin follows when idle', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(0, 500);
    expect(rows.range).toMatchObject({ start: 0, end: 7 });
    idle.drain();
    expect(rows.range).toMatchObject({ start: 0, end: 7 + OVERSCAN });
  });

  it('a jump to the end renders only what is on screen, then widens; small scrolls keep the margin', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(0, 500);
    idle.drain();
    rows.scrolled(200, 500); // a small scroll: margin kept, nothing scheduled
    expect(idle.pending).toBe(0);
    expect(rows.range).toMatchObject({ start: 0, end: 9 + OVERSCAN });

    rows.scrolled(10_000 * 100 - 500, 500); // End
    expect(rows.range).toMatchObject({ start: 9_995, end: 10_000 });
    expect(rows.range.before).toBe(9_995 * 100);
    idle.drain();
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

describe('virtual rows: the margin widens in steps', () => {
  it('adds OVERSCAN_STEP rows beyond each edge per idle turn, one turn at a time, and stops when whole', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(50_000, 500); // rows 500-505 on screen, 506 the slack
    expect(rows.overscan).toBe(0);
    const seen: { start: number; end: number }[] = [{ start: rows.range.start, end: rows.range.end }];
    while (idle.pending > 0) {
      expect(idle.pending).toBe(1); // never more than one step waiting
      idle.runAll();
      seen.push({ start: rows.range.start, end: rows.range.end });
    }
    expect(seen.length - 1).toBe(Math.ceil(OVERSCAN / OVERSCAN_STEP));
    for (let k = 1; k < seen.length; k++) {
      // Each turn adds at most OVERSCAN_STEP rows at each edge.
      expect(seen[k - 1]!.start - seen[k]!.start).toBeLessThanOrEqual(OVERSCAN_STEP);
      expect(seen[k]!.end - seen[k - 1]!.end).toBeLessThanOrEqual(OVERSCAN_STEP);
      expect(seen[k]!.end - seen[k]!.start).toBeGreaterThan(seen[k - 1]!.end - seen[k - 1]!.start);
    }
    expect(seen.at(-1)).toEqual({ start: 500 - OVERSCAN, end: 507 + OVERSCAN });
    expect(rows.overscan).toBe(OVERSCAN);
    idle.runAll();
    expect(idle.pending).toBe(0);
  });

  it('a jump while the margin widens cancels the pending step and starts again from the rows on screen', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(0, 500);
    idle.runAll();
    idle.runAll();
    expect(rows.overscan).toBe(Math.min(OVERSCAN, 2 * OVERSCAN_STEP));
    rows.scrolled(700_000, 500); // a dragged scrollbar
    expect(idle.pending).toBe(1); // the old step was cancelled, one new one waits
    expect(rows.overscan).toBe(0);
    expect(rows.range).toMatchObject({ start: 7_000, end: 7_007 });
    idle.runAll();
    expect(rows.range).toMatchObject({ start: 7_000 - OVERSCAN_STEP, end: 7_007 + OVERSCAN_STEP });
  });

  it('a small scroll while the margin widens keeps widening where it got to', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(0, 500);
    idle.runAll();
    const before = rows.overscan;
    rows.scrolled(300, 500);
    expect(rows.overscan).toBe(before);
    expect(idle.pending).toBe(1);
    idle.drain();
    expect(rows.range).toMatchObject({ start: 0, end: 10 + OVERSCAN });
  });
});

describe('virtual rows: the keyboard model over the stepped margin', () => {
  /** What the table does on a key: move the active row, scroll to reveal it, report the scroll. */
  function press(rows: VirtualRows, key: Parameters<typeof nextRow>[0], scrollTop: number): number {
    rows.active = nextRow(key, rows.active, rows.count, rows.pageRows);
    const top = rows.reveal(rows.active);
    const next = top ?? scrollTop;
    rows.scrolled(next, 500);
    return next;
  }

  it('End, PageUp, arrows and Home keep the active row rendered, whatever the margin', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(0, 500);
    let top = 0;
    top = press(rows, 'End', top);
    expect(rows.active).toBe(9_999);
    expect(rows.overscan).toBe(0); // a jump: only the rows on screen
    expect(rows.range.start).toBeLessThanOrEqual(9_999);
    expect(rows.range.end).toBe(10_000);
    idle.runAll(); // one step of the margin
    top = press(rows, 'PageUp', top); // a screenful: not a jump, the margin keeps growing
    expect(rows.active).toBe(9_999 - rows.pageRows);
    expect(rows.overscan).toBeGreaterThan(0);
    expect(rows.range.start).toBeLessThanOrEqual(rows.active);
    expect(rows.range.end).toBeGreaterThan(rows.active);
    top = press(rows, 'ArrowUp', top);
    expect(rows.range.start).toBeLessThanOrEqual(rows.active);
    top = press(rows, 'Home', top);
    expect(rows.active).toBe(0);
    expect(top).toBe(0);
    expect(rows.overscan).toBe(0);
    expect(rows.range).toMatchObject({ start: 0, before: 0 });
    idle.drain();
    expect(rows.range).toMatchObject({ start: 0, end: 7 + OVERSCAN });
  });
});

describe('virtual rows: measured heights', () => {
  it('a rendered row that comes out taller than estimated keeps the window as rendered (no row removed and re-added)', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(50_000, 500); // rows 500-505, and 506
    const before = rows.range;
    rows.measured(500, 300); // rows 503-505 are now below the viewport, but rendered already
    expect(rows.range).toBe(before);
    expect(rows.range.before).toBe(500 * 100);
    rows.scrolled(50_010, 500); // the next scroll uses every height measured
    expect(rows.range).toMatchObject({ start: 500, end: 505 }); // 500 (300 px), 501-503 (100 px each), and 504
  });

  it('rendered rows shorter than estimated, leaving the viewport unfilled, widen the window at once', () => {
    const idle = manual();
    const rows = new VirtualRows(() => ids, 100, idle.later);
    rows.scrolled(50_000, 500); // rows 500-505, and 506
    for (let p = 500; p < 507; p++) rows.measured(p, 40);
    expect(rows.range.start).toBe(500);
    // 280 px of measured rows, then rows at the estimate until the 500 px viewport is filled, and one more.
    expect(rows.range.end).toBe(507 + Math.ceil((500 - 7 * 40) / 100) + 1);
    expect(rows.range.before).toBe(500 * 100);
  });
});
