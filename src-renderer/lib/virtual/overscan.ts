// How far beyond the viewport a virtualised list renders, and how fast that margin grows. Plain constants in a
// module of their own so tests outside Svelte (the browser specs) bound the rendered rows by the same numbers.

/** Rows rendered beyond each edge of the viewport once scrolling has settled. */
export const OVERSCAN = 6;
/**
 * Rows added beyond each edge per idle turn while the margin widens. A whole margin at once (a dozen rows laid
 * out in one task) costs more than a frame's budget, and is thrown away unseen when the next jump follows.
 */
export const OVERSCAN_STEP = 1;
