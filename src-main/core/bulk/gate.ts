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

/** A batch's answer: how many of its requests Graph took (answered or refused), for the learned pace. */
export type BatchOutcome = GateOutcome & { counted?: number };

export interface GateTicket {
  /** Gives the slot back and tells the gate how the request went. Call exactly once. */
  release(outcome: BatchOutcome): void;
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
  /** The pace learned from Graph, in ms between sends (0 = none). */
  gapMs: number;
}

const PACE_BURST = 4;

interface Waiter {
  priority: boolean;
  /** Requests this slot carries to Graph (a JSON batch carries several): each spends one unit of the pace. */
  weight: number;
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
  /** Pacing learned from Graph: the least gap between two sends (0 until a second Retry-After teaches it). */
  #gapMs = 0;
  /** Sends the pace allows right now; refills one per gap, up to PACE_BURST, so a late timer does not slow the pace. */
  #credit = PACE_BURST;
  #creditAt = 0;
  #lastThrottleAt: number | null = null;
  #answeredSinceThrottle = 0;

  constructor(opts: GateOptions) {
    this.#timers = opts.timers;
    this.#max = Math.max(1, opts.maxLimit ?? 16);
    this.#limit = Math.min(this.#max, Math.max(1, opts.initialLimit ?? 2));
  }

  get state(): GateState {
    return { limit: this.#limit, inFlight: this.#inFlight, pausedUntil: this.#pausedUntil, lastRetryAfterMs: this.#lastRetryAfterMs, gapMs: this.#gapMs };
  }

  /** True while Graph's Retry-After window is open. */
  pausedAt(now: number): boolean {
    return now < this.#pausedUntil;
  }

  /**
   * Graph asked to wait: closes the gate at once (called as the answer arrives, before the request's slot is
   * given back), and learns a pace. Between two throttling answers Graph took (served or refused) what its quota allows in
   * that time, so sending at that rate from then on keeps the quota from running dry, and no time is lost to
   * Retry-After windows (each of which also costs the requests that were already on their way).
   */
  noteRetryAfter(retryAfterMs: number): void {
    const now = this.#timers.now();
    if (now < this.#pausedUntil) {
      this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
      return;
    }
    if (this.#lastThrottleAt !== null && this.#answeredSinceThrottle > 0 && now > this.#lastThrottleAt) {
      this.#gapMs = (now - this.#lastThrottleAt) / this.#answeredSinceThrottle;
    }
    this.#lastThrottleAt = now;
    this.#answeredSinceThrottle = 0;
    // While everyone waits, Graph's quota refills: most of what it regains can go out when the window ends.
    this.#credit = this.#gapMs > 0 ? Math.floor((0.8 * retryAfterMs) / this.#gapMs) : PACE_BURST;
    this.#creditAt = now + retryAfterMs;
    this.#lastRetryAfterMs = retryAfterMs;
    this.#pausedUntil = now + retryAfterMs;
    this.#wake?.cancel();
    this.#wake = null;
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Resolves with a slot once one is free and no Retry-After window is open. */
  acquire(priority: boolean, signal?: AbortSignal, weight = 1): Promise<GateTicket> {
    if (signal?.aborted) return Promise.reject(fail('cancelled', 'The request was cancelled.'));
    return new Promise<GateTicket>((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        weight: Math.max(1, weight),
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
    if (this.#gapMs > 0 && now > this.#creditAt) {
      this.#credit = Math.max(this.#credit, Math.min(PACE_BURST, this.#credit + (now - this.#creditAt) / this.#gapMs));
      this.#creditAt = now;
    }
    const paceAt = this.#gapMs > 0 && this.#credit < 1 ? now + (1 - this.#credit) * this.#gapMs : now;
    const openAt = Math.max(this.#pausedUntil, paceAt);
    if (now < openAt) {
      if (this.#waiters.length && !this.#wake) {
        this.#wake = this.#timers.after(Math.ceil(openAt - now), () => {
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
      if (this.#gapMs > 0 && (this.#credit -= w.weight) < 1) {
        if (this.#waiters.length) this.#pump();
        return;
      }
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

  #settle(outcome: BatchOutcome, epoch: number): void {
    const counted = outcome.counted ?? 1;
    if (outcome.kind === 'ok') {
      this.#answeredSinceThrottle += counted;
      // Probe upwards slowly (about 2.5% a second at 50 requests a second) in case the quota has grown.
      this.#gapMs *= 0.9995 ** counted;
      // Until Graph first pushes back, one more slot per healthy answer (doubling per round trip, as TCP's
      // slow start); afterwards additive increase: one more slot after a full window of healthy answers.
      if (this.#epoch === 0) {
        this.#limit = Math.min(this.#max, this.#limit + 1);
        return;
      }
      if (++this.#healthy >= this.#limit && this.#limit < this.#max) {
        this.#limit++;
        this.#healthy = 0;
      }
      return;
    }
    if (outcome.kind !== 'throttled') return;
    // A throttled request still used up quota (Graph counts it), so it counts towards the pace too.
    this.#answeredSinceThrottle += counted;
    if (outcome.retryAfterMs !== null) this.noteRetryAfter(outcome.retryAfterMs);
    // Multiplicative decrease, once per congestion event.
    if (epoch === this.#epoch) {
      this.#limit = Math.max(1, Math.floor(this.#limit / 2));
      this.#healthy = 0;
      this.#epoch++;
    }
  }
}
