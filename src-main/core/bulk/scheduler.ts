// Runs one bulk job's targets through the shared gate: one port listing per host (every port of that host is
// answered from it), one GET per pasted host port ID, bounded retries per target, pause, resume and cancel.
// It decides nothing about time itself: the gate holds Retry-After and concurrency, the timers are injected.
import type { BulkTarget } from '../../../src-shared/bulk-targets';
import type { PortolanError } from '../../../src-shared/views';
import { fail } from '../failure';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../graph/retry';
import type { BatchOutcome, ThrottleGate } from './gate';
import { MAX_BATCH, type BatchItem, type BulkGraph, type BulkHit, type CallAnswer } from './graph-calls';
import type { BulkTimers, TimerHandle } from './timers';

export type TargetOutcome =
  | { key: string; status: 'found'; hits: BulkHit[] }
  | { key: string; status: 'notFound' | 'failed'; error: PortolanError };

export type RunEnd = 'finished' | 'cancelled';

export interface RunOptions {
  targets: readonly BulkTarget[];
  gate: ThrottleGate;
  graph: BulkGraph;
  timers: BulkTimers;
  /** Awaited before the target counts as done: the journal write (fsync) happens here. */
  onOutcome: (outcome: TargetOutcome) => Promise<void>;
  /** Sign-in, consent or licence stopped the job; it waits paused for the analyst. */
  onStopped?: (error: PortolanError) => void;
  /** Attempts per request that got no answer or a server error (default 4). */
  maxAttempts?: number;
  /** Throttled answers tolerated per request (default 10); Retry-After already paces them. */
  maxThrottled?: number;
  random?: () => number;
  /** Requests per JSON batch (2 to 20) when the graph offers batching; 1 or absent sends each on its own. */
  batchSize?: number;
}

type Unit =
  | { kind: 'list'; host: string; url: string; targets: BulkTarget[]; items: BulkHit[]; attempts: number; throttled: number }
  | { kind: 'id'; target: Extract<BulkTarget, { kind: 'id' }>; attempts: number; throttled: number };

export class BulkRun {
  readonly #o: RunOptions;
  readonly #queue: Unit[] = [];
  readonly #timersPending = new Set<TimerHandle>();
  readonly #writes = new Set<Promise<void>>();
  #active = 0;
  #paused = false;
  #cancelled = false;
  #poke: (() => void) | null = null;
  #waitCtl = new AbortController();
  readonly #cancelCtl = new AbortController();
  #requests = 0;
  #started = false;

  constructor(opts: RunOptions) {
    this.#o = opts;
    const byHost = new Map<string, BulkTarget[]>();
    for (const t of opts.targets) {
      if (t.kind === 'id') this.#queue.push({ kind: 'id', target: t, attempts: 0, throttled: 0 });
      else byHost.set(t.host, [...(byHost.get(t.host) ?? []), t]);
    }
    for (const [host, targets] of byHost) {
      this.#queue.push({ kind: 'list', host, url: opts.graph.firstPortsUrl(host), targets, items: [], attempts: 0, throttled: 0 });
    }
  }

  /** Requests this run has sent. */
  get requests(): number {
    return this.#requests;
  }

  get paused(): boolean {
    return this.#paused;
  }

  pause(): void {
    this.#paused = true;
    this.#waitCtl.abort();
    this.#wake();
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#waitCtl = new AbortController();
    this.#wake();
  }

  cancel(): void {
    this.#cancelled = true;
    this.#waitCtl.abort();
    this.#cancelCtl.abort();
    for (const t of this.#timersPending) t.cancel();
    this.#timersPending.clear();
    this.#wake();
  }

  async run(): Promise<RunEnd> {
    if (this.#started) throw fail('internal', 'A bulk run is started once.');
    this.#started = true;
    while (!this.#cancelled) {
      if (this.#paused) {
        await this.#nextPoke();
        continue;
      }
      const unit = this.#queue.shift();
      if (!unit) {
        if (this.#active === 0 && this.#timersPending.size === 0) break;
        await this.#nextPoke();
        continue;
      }
      // A batch carries what is queued now (up to its size); the gate spends that much of the learned pace on it.
      const weight = this.#batchSize > 1 ? Math.min(this.#batchSize, this.#queue.length + 1) : 1;
      let ticket;
      try {
        ticket = await this.#o.gate.acquire(false, this.#waitCtl.signal, weight);
      } catch {
        this.#queue.unshift(unit);
        continue;
      }
      if (this.#paused || this.#cancelled) {
        ticket.release({ kind: 'neutral' });
        this.#queue.unshift(unit);
        continue;
      }
      this.#active++;
      const units = weight > 1 ? [unit, ...this.#queue.splice(0, weight - 1)] : [unit];
      this.#requests += units.length;
      const work = units.length > 1 ? this.#executeBatch(units, ticket.release) : this.#execute(unit, ticket.release);
      void work.finally(() => {
        this.#active--;
        this.#wake();
      });
    }
    while (this.#active > 0) await this.#nextPoke();
    await Promise.all([...this.#writes]);
    return this.#cancelled ? 'cancelled' : 'finished';
  }

  #nextPoke(): Promise<void> {
    return new Promise((resolve) => {
      this.#poke = resolve;
    });
  }

  #wake(): void {
    const p = this.#poke;
    this.#poke = null;
    p?.();
  }

  get #batchSize(): number {
    return this.#o.graph.batch ? Math.max(1, Math.min(MAX_BATCH, this.#o.batchSize ?? 1)) : 1;
  }

  async #executeBatch(units: Unit[], release: (o: BatchOutcome) => void): Promise<void> {
    const items = units.map((u): BatchItem => (u.kind === 'list' ? { kind: 'list', url: u.url, host: u.host } : { kind: 'id', id: u.target.hostPortId }));
    let answer;
    try {
      answer = await this.#o.graph.batch!(items, this.#cancelCtl.signal);
    } catch (err) {
      release({ kind: 'neutral' });
      if (!this.#cancelled) for (const u of units) this.#handle(u, thrownAnswer(err));
      return;
    }
    if (answer.kind === 'whole') {
      const a = answer.answer;
      if (a.kind === 'held') {
        release({ kind: 'neutral' });
        this.#requests -= units.length;
        if (!this.#cancelled) this.#queue.unshift(...units);
        return;
      }
      release(a.kind === 'throttled' ? { kind: 'throttled', retryAfterMs: a.retryAfterMs } : a.kind === 'retry' ? { kind: 'neutral' } : { kind: 'ok' });
      if (this.#cancelled) return;
      for (const u of units) this.#handle(u, a);
      return;
    }
    // One slot, many answers: throttled if any was (one cut), and every answer Graph counted teaches the pace.
    const throttled = answer.answers.filter((a) => a.kind === 'throttled');
    const counted = answer.answers.filter((a) => a.kind !== 'retry' && a.kind !== 'held').length;
    if (throttled.length) {
      const waits = throttled.map((a) => (a.kind === 'throttled' ? a.retryAfterMs : null)).filter((ms): ms is number => ms !== null);
      release({ kind: 'throttled', retryAfterMs: waits.length ? Math.max(...waits) : null, counted });
    } else release(counted ? { kind: 'ok', counted } : { kind: 'neutral' });
    if (this.#cancelled) return;
    units.forEach((u, i) => this.#handle(u, answer.answers[i]!));
  }

  async #execute(unit: Unit, release: (o: BatchOutcome) => void): Promise<void> {
    const signal = this.#cancelCtl.signal;
    let answer: CallAnswer<unknown>;
    try {
      answer = unit.kind === 'list' ? await this.#o.graph.portsPage(unit.url, unit.host, signal) : await this.#o.graph.hostPort(unit.target.hostPortId, signal);
    } catch (err) {
      release({ kind: 'neutral' });
      if (!this.#cancelled) this.#handle(unit, thrownAnswer(err));
      return;
    }
    if (answer.kind === 'held') {
      release({ kind: 'neutral' });
      this.#requests--;
      if (!this.#cancelled) this.#queue.unshift(unit);
      return;
    }
    if (answer.kind === 'throttled') release({ kind: 'throttled', retryAfterMs: answer.retryAfterMs });
    else if (answer.kind === 'retry') release({ kind: 'neutral' });
    else release({ kind: 'ok' });
    if (this.#cancelled) return;
    this.#handle(unit, answer);
  }

  /** What one answer means for its unit: done, another page, later again, or the job stops. */
  #handle(unit: Unit, answer: CallAnswer<unknown>): void {
    switch (answer.kind) {
      case 'held':
        this.#requests--;
        this.#queue.unshift(unit);
        return;
      case 'ok':
        if (unit.kind === 'id') {
          this.#finish({ key: unit.target.key, status: 'found', hits: [answer.value as BulkHit] });
          return;
        }
        {
          const page = answer.value as { items: BulkHit[]; nextLink: string | null };
          unit.items.push(...page.items);
          if (page.nextLink) {
            this.#queue.unshift({ ...unit, url: page.nextLink, attempts: 0, throttled: 0 });
            return;
          }
          for (const t of unit.targets) this.#finish(answerFromList(t, unit.items, unit.host));
        }
        return;
      case 'throttled':
        if (++unit.throttled > (this.#o.maxThrottled ?? 10)) return this.#failUnit(unit, 'failed', answer.error);
        // With Retry-After the gate holds every request back; without it this one backs off on its own.
        return this.#later(unit, answer.retryAfterMs === null ? backoffDelayMs(unit.throttled - 1, this.#o.random ?? Math.random, DEFAULT_BACKOFF) : 0);
      case 'retry':
        if (++unit.attempts >= (this.#o.maxAttempts ?? 4)) return this.#failUnit(unit, 'failed', answer.error);
        return this.#later(unit, backoffDelayMs(unit.attempts - 1, this.#o.random ?? Math.random, DEFAULT_BACKOFF));
      case 'stop':
        this.#queue.unshift(unit);
        if (!this.#paused) {
          this.pause();
          this.#o.onStopped?.(answer.error);
        }
        return;
      case 'final':
        return this.#failUnit(unit, answer.error.kind === 'notFound' ? 'notFound' : 'failed', answer.error);
    }
  }

  #later(unit: Unit, ms: number): void {
    if (ms <= 0) {
      this.#queue.push(unit);
      return;
    }
    const handle = this.#o.timers.after(ms, () => {
      this.#timersPending.delete(handle);
      this.#queue.push(unit);
      this.#wake();
    });
    this.#timersPending.add(handle);
  }

  #failUnit(unit: Unit, status: 'notFound' | 'failed', error: PortolanError): void {
    const targets = unit.kind === 'id' ? [unit.target] : unit.targets;
    for (const t of targets) this.#finish({ key: t.key, status, error });
  }

  #finish(outcome: TargetOutcome): void {
    const write = this.#o.onOutcome(outcome).finally(() => this.#writes.delete(write));
    this.#writes.add(write);
  }
}

/**
 * A call that threw instead of answering (a bug or an unexpected transport failure) counts as a failed attempt:
 * it backs off and is bounded like any retry, so it can neither spin the loop nor be retried forever.
 */
function thrownAnswer(err: unknown): CallAnswer<unknown> {
  const detail = err instanceof Error ? err.message : String(err);
  return { kind: 'retry', error: { kind: 'internal', message: `The request could not be made: ${detail}` } };
}

function answerFromList(t: BulkTarget, items: BulkHit[], host: string): TargetOutcome {
  if (t.kind === 'host') {
    if (items.length) return { key: t.key, status: 'found', hits: items };
    return { key: t.key, status: 'notFound', error: { kind: 'notFound', message: `Defender Threat Intelligence lists no observed ports on ${host}.` } };
  }
  const same = items.filter((i) => i.port === (t.kind === 'port' ? t.port : -1));
  // The same port number can be listed for tcp and udp; tcp (or an unlabelled entry) first, as single lookups do.
  const hit = same.find((i) => i.hostPort.protocol === null || i.hostPort.protocol === 'tcp') ?? same[0];
  if (hit) return { key: t.key, status: 'found', hits: [hit] };
  const port = t.kind === 'port' ? t.port : 0;
  return { key: t.key, status: 'notFound', error: { kind: 'notFound', message: `Defender Threat Intelligence has never observed port ${port} on ${host}.` } };
}
