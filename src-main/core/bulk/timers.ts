// The time source of the bulk scheduler. Injected, so tests drive a fake clock to the millisecond and never sleep.

export interface TimerHandle {
  cancel(): void;
}

export interface BulkTimers {
  now(): number;
  /** Calls fn once, no earlier than ms from now. */
  after(ms: number, fn: () => void): TimerHandle;
}

export const realTimers: BulkTimers = {
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(t) };
  },
};
