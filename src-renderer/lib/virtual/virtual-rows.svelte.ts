// The state of one virtualised list: which rows are in the DOM for the current scroll position, heights
// measured by item (so a re-sort or a filter keeps what was measured), and the active row of the keyboard model.
import { untrack } from 'svelte';
import { whenIdle, type Later } from '../when-idle';
import { OVERSCAN, OVERSCAN_STEP } from './overscan';
import { RowHeights } from './row-heights';
import { scrollToReveal, visibleRange, type VisibleRange } from './visible-range';

export class VirtualRows {
  #items: () => readonly number[];
  #estimate: number;
  /** Measured heights by item id; survives re-ordering. Not reactive itself: #version says when to recompute. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a reactive map would re-run the range per row measured
  #measured = new Map<number, number>();
  #version = $state(0);
  #scrollTop = $state(0);
  #viewport = $state(600);
  /**
   * The first window and a jump (End, a dragged scrollbar) render only the rows on screen; the margin above and
   * below follows a row or so per idle turn, so no task pays for rows nobody sees yet, and a jump stops it.
   */
  #overscan = $state(0);
  #later: Later;
  #cancelLater: (() => void) | null = null;
  /** Position (not item) of the row that has the keyboard. */
  active = $state(-1);

  #heights = $derived.by(() => {
    const items = this.#items();
    return new RowHeights(items.length, this.#estimate, (i) => this.#measured.get(items[i]!));
  });
  #range = $derived.by<VisibleRange>(() => {
    void this.#version;
    // One estimated row of slack below the viewport: rows that come out shorter than estimated then still fill
    // it, instead of a second layout in the same frame adding the row that was missing.
    return visibleRange(this.#heights, this.#scrollTop, this.#viewport + this.#estimate, this.#overscan);
  });

  constructor(items: () => readonly number[], estimate: number, later: Later = (work) => whenIdle(work)) {
    this.#items = items;
    this.#estimate = estimate;
    this.#later = later;
    this.#widenLater();
  }

  /** Schedules the next step of the margin (one idle turn each), until it is whole. */
  #widenLater(): void {
    this.#cancelLater?.();
    this.#cancelLater = null;
    if (this.#overscan >= OVERSCAN) return;
    this.#cancelLater = this.#later(() => {
      this.#cancelLater = null;
      this.#overscan = Math.min(OVERSCAN, this.#overscan + OVERSCAN_STEP);
      this.#widenLater();
    });
  }

  get range(): VisibleRange {
    return this.#range;
  }
  /** Rows currently rendered beyond each edge of the viewport (grows to OVERSCAN while idle). */
  get overscan(): number {
    return this.#overscan;
  }
  get count(): number {
    return this.#heights.count;
  }
  /** How many rows fit on screen, for Page Up and Page Down. */
  get pageRows(): number {
    return Math.max(1, Math.floor(this.#viewport / this.#estimate));
  }

  scrolled(scrollTop: number, viewport: number): void {
    // A move past the rendered margin is a jump: render what is on screen now, the margin step by step when idle;
    // the steps still pending for the old position are cancelled.
    const jump = Math.abs(scrollTop - this.#scrollTop) > Math.max(viewport, this.#viewport);
    this.#scrollTop = scrollTop;
    this.#viewport = viewport;
    if (jump) {
      this.#overscan = 0;
      this.#widenLater();
    }
  }

  /** Stops any pending idle work (the list is going away). */
  dispose(): void {
    this.#cancelLater?.();
    this.#cancelLater = null;
  }

  /**
   * A rendered row reported its height. A rendered row's height moves neither spacer (they stand for the rows
   * before and after the window), so the window is recomputed only when the rendered rows no longer reach the
   * bottom of the viewport: rows that came out taller than estimated are kept rather than removed and re-added in
   * the same frame. The next scroll computes the window from every height measured.
   */
  measured(position: number, height: number): void {
    const item = this.#items()[position];
    if (item === undefined) return;
    this.#measured.set(item, height);
    if (!this.#heights.set(position, height)) return;
    const { start, end } = untrack(() => this.#range);
    if (position < start || position >= end || this.#heights.offsetOf(end) < this.#scrollTop + this.#viewport) this.#version++;
  }

  /** The scrollTop that shows the row at `position`, or null when it is in view. */
  reveal(position: number): number | null {
    return scrollToReveal(this.#heights, position, this.#scrollTop, this.#viewport);
  }
}
