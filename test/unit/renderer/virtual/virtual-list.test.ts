// The window arithmetic and keyboard model of the virtualised tables, checked against a plain array model.
import { describe, expect, it } from 'vitest';
import { nextRow } from '../../../../src-renderer/lib/virtual/grid-keys';
import { RowHeights } from '../../../../src-renderer/lib/virtual/row-heights';
import { scrollToReveal, visibleRange } from '../../../../src-renderer/lib/virtual/visible-range';

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const prefix = (hs: number[], i: number) => hs.slice(0, i).reduce((a, b) => a + b, 0);
function naiveIndexAt(hs: number[], offset: number): number {
  if (offset <= 0) return 0;
  let acc = 0;
  for (let i = 0; i < hs.length; i++) {
    acc += hs[i]!;
    if (acc > offset) return i;
  }
  return hs.length - 1;
}

describe('row heights', () => {
  it('agrees with a plain array through random measurements (offsets, totals, row at offset)', () => {
    const random = rng(7);
    for (const count of [1, 2, 3, 17, 64, 1000]) {
      const heights = new RowHeights(count, 40);
      const model = Array.from({ length: count }, () => 40);
      for (let step = 0; step < 300; step++) {
        const i = Math.floor(random() * count);
        const h = Math.round(random() * 400);
        heights.set(i, h);
        model[i] = h;
        const probe = Math.floor(random() * (count + 1));
        expect(heights.offsetOf(probe)).toBe(prefix(model, probe));
        const offset = random() * (prefix(model, count) + 50) - 10;
        expect(heights.indexAt(offset)).toBe(naiveIndexAt(model, offset));
      }
      expect(heights.total).toBe(prefix(model, count));
    }
  });

  it('ignores impossible measurements and remembers which rows were measured', () => {
    const heights = new RowHeights(3, 20);
    expect(heights.set(5, 10)).toBe(false);
    expect(heights.set(1, Number.NaN)).toBe(false);
    expect(heights.set(1, -1)).toBe(false);
    expect(heights.isMeasured(1)).toBe(false);
    expect(heights.set(1, 20)).toBe(false); // measured, same height: nothing to move
    expect(heights.isMeasured(1)).toBe(true);
    expect(heights.set(1, 35)).toBe(true);
    expect(heights.total).toBe(75);
  });
});

describe('visible range', () => {
  it('renders the rows on screen plus the overscan, and pads the rest so the scrollbar stays true', () => {
    const heights = new RowHeights(10_000, 30);
    const r = visibleRange(heights, 30 * 5000 + 10, 300, 4);
    expect(r).toEqual({ start: 4996, end: 5015, before: 4996 * 30, after: (10_000 - 5015) * 30 });
    expect(r.end - r.start).toBeLessThan(30);
  });

  it('clamps at both ends and handles an empty list', () => {
    const heights = new RowHeights(5, 100);
    expect(visibleRange(heights, -50, 250, 2)).toEqual({ start: 0, end: 5, before: 0, after: 0 });
    expect(visibleRange(heights, 10_000, 250, 0)).toMatchObject({ start: 4, end: 5, after: 0 });
    expect(visibleRange(new RowHeights(0, 10), 0, 100)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });

  it('scrolls just enough to reveal a row, and not at all when it is in view', () => {
    const heights = new RowHeights(100, 20);
    expect(scrollToReveal(heights, 10, 0, 100)).toBe(120); // bottom of row 10 is 220: scroll so it ends the viewport
    expect(scrollToReveal(heights, 2, 100, 100)).toBe(40);
    expect(scrollToReveal(heights, 6, 100, 100)).toBeNull();
  });
});

describe('grid keys', () => {
  it.each([
    ['ArrowDown', 0, 1],
    ['ArrowUp', 0, 0],
    ['ArrowDown', 99, 99],
    ['PageDown', 10, 20],
    ['PageDown', 95, 99],
    ['PageUp', 5, 0],
    ['Home', 50, 0],
    ['End', 3, 99],
    ['ArrowDown', -1, 0],
    ['End', -1, 99],
  ] as const)('%s from row %i goes to row %i (100 rows, 10 a page)', (key, from, to) => {
    expect(nextRow(key, from, 100, 10)).toBe(to);
  });

  it('has no active row in an empty table, and a page is at least one row', () => {
    expect(nextRow('ArrowDown', 0, 0, 10)).toBe(-1);
    expect(nextRow('PageDown', 0, 5, 0)).toBe(1);
  });
});
