// Work that can wait for the page to be idle (and will not wait long): rendering that nobody sees yet.

/** Runs `work` when the page is idle, or after `timeout` ms at the latest; returns a cancel function. */
export type Later = (work: () => void) => () => void;

export function whenIdle(work: () => void, timeout = 150): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => work(), { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 50);
  return () => clearTimeout(id);
}
