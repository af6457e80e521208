// Where the focus goes in the history list for a key press (roving tabindex). Pure.

/** The index to move to, or null when the key is not a navigation key (let it through). */
export function nextIndex(key: string, current: number, count: number, pageStep = 10): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const from = Math.min(Math.max(current, 0), last);
  switch (key) {
    case 'ArrowDown':
      return Math.min(from + 1, last);
    case 'ArrowUp':
      return Math.max(from - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(from + pageStep, last);
    case 'PageUp':
      return Math.max(from - pageStep, 0);
    default:
      return null;
  }
}
