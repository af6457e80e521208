// A hand-driven clock for schedulers that take a BulkTimers: time moves only when a test advances it.
import type { BulkTimers, TimerHandle } from '../../src-main/core/bulk/timers';

export class FakeTimers implements BulkTimers {
  #now: number;
  #seq = 0;
  #due: { at: number; seq: number; fn: () => void; live: boolean }[] = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  after(ms: number, fn: () => void): TimerHandle {
    const entry = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn, live: true };
    this.#due.push(entry);
    return { cancel: () => void (entry.live = false) };
  }

  get pending(): number {
    return this.#due.filter((d) => d.live).length;
  }

  /** Moves time forward, running each due callback at its own time and settling promises in between. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (;;) {
      const next = this.#due.filter((d) => d.live && d.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      next.live = false;
      this.#now = next.at;
      next.fn();
      await settle();
    }
    this.#now = end;
    await settle();
  }
}

/** Lets every already-resolved promise chain run (no time passes). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}
