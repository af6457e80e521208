// The keyboard model of a virtualised table (one active row, as in a grid): arrows move by one row, Page Up and
// Page Down by a screenful, Home and End to the ends. Pure, so it is tested without a browser.
export type GridKey = 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

const KEYS = new Set<string>(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

export function isGridKey(key: string): key is GridKey {
  return KEYS.has(key);
}

/** The next active row, clamped to the list; `pageRows` is how many rows fit on screen (at least 1). */
export function nextRow(key: GridKey, active: number, count: number, pageRows: number): number {
  if (count <= 0) return -1;
  // Nothing active yet: the first key lands on the first row (End on the last).
  if (active < 0) return key === 'End' ? count - 1 : 0;
  const page = Math.max(1, Math.floor(pageRows));
  const from = Math.min(Math.max(active, 0), count - 1);
  const to =
    key === 'ArrowUp' ? from - 1 : key === 'ArrowDown' ? from + 1 : key === 'PageUp' ? from - page : key === 'PageDown' ? from + page : key === 'Home' ? 0 : count - 1;
  return Math.min(Math.max(to, 0), count - 1);
}
