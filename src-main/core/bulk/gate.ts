// The one gate every Graph request of a bulk job, and every single lookup made meanwhile, passes through.
// It holds the shared throttling state: how many requests may be in flight (additive increase while answers
// are healthy, halved on 429/503/504) and until when Graph asked everyone to wait (Retry-After pauses every
// worker: no request leaves inside that window). Waiting single lookups are served before job requests.
import { fail } from '../failure';
import type { BulkTimers, TimerHandle } from './timers';

export type GateOutcome =
  /** A healthy answer (any status Graph gave deliberately: 200, 404, 403...). */
  | { kind: 'ok' }
  /** 429, 503 or 504; retryAfterMs when the answer carried Retry-After. */
  | { kind: 'throttled'; retryAfterMs: number | null }
  /** No answer (network, timeout) or a server error: neither growth nor a cut. */
  | { kind: 'neutral' };

export interface GateTicket {
  /** Gives the slot back and tells the gate how the request went. Call exactly once. */
  release(outcome: GateOutcome): void;
}

export interface GateOptions {
  timers: BulkTimers;
  initialLimit?: number;
  maxLimit?: number;
}

export interface GateState {
  limit: number;
  inFlight: number;
  /** Epoch ms until which nothing may be sent (0 = not paused). */
  pausedUntil: number;
  /** The last Retry-After Graph gave, in ms. */
  lastRetryAfterMs: number | null;
}

interface Waiter {
  priority: boolean;
  resolve: (t: GateTicket) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class ThrottleGate {
  readonly #timers: BulkTimers;
  readonly #max: number;
  #limit: number;
  #inFlight = 0;
  #healthy = 0;
  #pausedUntil = 0;
  #lastRetryAfterMs: number | null = null;
  /** Bumped at every cut: answers to requests sent before a cut do not cut again (one cut per congestion event). */
  #epoch = 0;
  #waiters: Waiter[] = [];
  #wake: TimerHandle | null = null;
  #listeners = new Set<() => void>();

  constructor(opts: GateOptions) {
    this.#timers = opts.timers;
    this.#max = Math.max(1, opts.maxLimit ?? 16);
    this.#limit = Math.min(this.#max, Math.max(1, opts.initialLimit ?? 2));
  }

  get state(): GateState {
    return { limit: this.#limit, inFlight: this.#inFlight, pausedUntil: this.#pausedUntil, lastRetryAfterMs: this.#lastRetryAfterMs };
  }

  /** True while Graph's Retry-After window is open. */
  pausedAt(now: number): boolean {
    return now < this.#pausedUntil;
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Resolves with a slot once one is free and no Retry-After window is open. */
  acquire(priority: boolean, signal?: AbortSignal): Promise<GateTicket> {
    if (signal?.aborted) return Promise.reject(fail('cancelled', 'The request was cancelled.'));
    return new Promise<GateTicket>((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          reject(fail('cancelled', 'The request was cancelled.'));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      // Single lookups go ahead of every waiting job request, in arrival order among themselves.
      if (priority) {
        const firstJob = this.#waiters.findIndex((w) => !w.priority);
        if (firstJob < 0) this.#waiters.push(waiter);
        else this.#waiters.splice(firstJob, 0, waiter);
      } else this.#waiters.push(waiter);
      this.#pump();
    });
  }

  #pump(): void {
    const now = this.#timers.now();
    if (now < this.#pausedUntil) {
      if (this.#waiters.length && !this.#wake) {
        this.#wake = this.#timers.after(this.#pausedUntil - now, () => {
          this.#wake = null;
          this.#pump();
        });
      }
      return;
    }
    while (this.#waiters.length && this.#inFlight < this.#limit) {
      const w = this.#waiters.shift()!;
      w.signal?.removeEventListener('abort', w.onAbort);
      this.#inFlight++;
      w.resolve(this.#ticket());
    }
  }

  #ticket(): GateTicket {
    const epoch = this.#epoch;
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.#inFlight--;
        this.#settle(outcome, epoch);
        this.#pump();
        for (const fn of this.#listeners) fn();
      },
    };
  }

  #settle(outcome: GateOutcome, epoch: number): void {
    if (outcome.kind === 'ok') {
      // Additive increase: one more slot after a full window of healthy answers at the current limit.
      if (++this.#healthy >= this.#limit && this.#limit < this.#max) {
        this.#limit++;
        this.#healthy = 0;
      }
      return;
    }
    if (outcome.kind !== 'throttled') return;
    if (outcome.retryAfterMs !== null) {
      this.#lastRetryAfterMs = outcome.retryAfterMs;
      this.#pausedUntil = Math.max(this.#pausedUntil, this.#timers.now() + outcome.retryAfterMs);
      this.#wake?.cancel();
      this.#wake = null;
    }
    // Multiplicative decrease, once per congestion event.
    if (epoch === this.#epoch) {
      this.#limit = Math.max(1, Math.floor(this.#limit / 2));
      this.#healthy = 0;
      this.#epoch++;
    }
  }
}
