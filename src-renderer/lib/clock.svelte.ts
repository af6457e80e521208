// One shared "now" for relative times ("2 years ago"), refreshed every 30 seconds rather than per component.
// Timestamps do not read `now` reactively: their relative texts are rewritten in place by `relative`, so a
// tick costs one string per mounted stamp and re-renders nothing.
import { untrack } from 'svelte';
import { RelativeTimes } from './relative-times';
import { formatRelative } from './time';

export const TICK_MS = 30_000;

export class Clock {
  #now = $state(0);
  readonly #read: () => number;
  readonly relative = new RelativeTimes(formatRelative);

  constructor(read: () => number = Date.now, every: (tick: () => void, ms: number) => unknown = setInterval) {
    this.#read = read;
    this.#now = read();
    every(() => this.tick(), TICK_MS);
  }
  /** Reactive: readers re-run on every tick. */
  get now(): number {
    return this.#now;
  }
  /** The time of the last tick, without subscribing to the next one. */
  get current(): number {
    return untrack(() => this.#now);
  }
  tick(): void {
    const now = this.#read();
    this.#now = now;
    this.relative.refresh(now);
  }
}

export const clock = new Clock();
