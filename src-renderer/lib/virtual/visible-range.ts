// Which rows of a long list to put in the DOM for a scroll position: those on screen plus a margin above and
// below, and the empty space that stands in for the rest so the scrollbar stays true.
import type { RowHeights } from './row-heights';

export interface VisibleRange {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Space above the first rendered row. */
  before: number;
  /** Space below the last rendered row. */
  after: number;
}

export function visibleRange(heights: RowHeights, scrollTop: number, viewport: number, overscan = 6): VisibleRange {
  const count = heights.count;
  if (count === 0) return { start: 0, end: 0, before: 0, after: 0 };
  const top = Math.max(0, scrollTop);
  const first = heights.indexAt(top);
  const last = heights.indexAt(top + Math.max(viewport, 0));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + 1 + overscan);
  return { start, end, before: heights.offsetOf(start), after: heights.total - heights.offsetOf(end) };
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollToReveal(heights: RowHeights, index: number, scrollTop: number, viewport: number): number | null {
  const top = heights.offsetOf(index);
  const bottom = top + heights.heightOf(index);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return null;
}
