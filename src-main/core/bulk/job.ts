// One bulk job: its definition and journal on disk, the run that looks up what the journal does not yet
// answer, and the figures the progress bar shows. A target answered in the journal is never sent again;
// every target without an answer is (after a restart too), so nothing is looked up twice or skipped.
import type { BulkTarget } from '../../../src-shared/bulk-targets';
import type { BulkHitView, BulkJobState, BulkJobStatusView, BulkResultRowView } from '../../../src-shared/bulk-views';
import type { PortolanError } from '../../../src-shared/views';
import type { ThrottleGate } from './gate';
import type { BulkGraph, BulkHit } from './graph-calls';
import { JournalWriter, replayJob, writeDefinition, type JobDefinition, type JournalEntry } from './job-journal';
import { BulkRun, type TargetOutcome } from './scheduler';
import type { BulkTimers } from './timers';

export interface BulkJobDeps {
  gate: ThrottleGate;
  graph: BulkGraph;
  timers: BulkTimers;
  /** Saves one result to history tagged with the job's name; returns the snapshot id (null when not saved). */
  saveHit?: (hit: BulkHit, jobName: string) => Promise<string | null>;
  /** Something the status shows changed (data-less: the page pulls). */
  onChange?: () => void;
  /** Requests per JSON batch (see RunOptions.batchSize); off unless set. */
  batchSize?: number;
}

type Outcome = Extract<JournalEntry, { t: 'outcome' }>;

export class BulkJob {
  readonly #def: JobDefinition;
  readonly #deps: BulkJobDeps;
  readonly #journal: JournalWriter;
  readonly #outcomes: Map<string, Outcome>;
  #state: BulkJobState;
  #run: BulkRun | null = null;
  #requestsBefore = 0;
  #stopError: PortolanError | null = null;
  #recent: number[] = [];
  #finished: Promise<void> = Promise.resolve();

  private constructor(def: JobDefinition, outcomes: Map<string, Outcome>, state: BulkJobState, journal: JournalWriter, deps: BulkJobDeps) {
    this.#def = def;
    this.#outcomes = outcomes;
    this.#state = state;
    this.#journal = journal;
    this.#deps = deps;
  }

  static async create(dir: string, def: JobDefinition, deps: BulkJobDeps): Promise<BulkJob> {
    await writeDefinition(dir, def);
    const journal = new JournalWriter(dir);
    await journal.open();
    return new BulkJob(def, new Map(), 'paused', journal, deps);
  }

  /** A job from disk; 'running' there means it was interrupted and should carry on. */
  static async load(dir: string, deps: BulkJobDeps): Promise<{ job: BulkJob; wasRunning: boolean }> {
    const replayed = await replayJob(dir);
    const journal = new JournalWriter(dir);
    await journal.open();
    const job = new BulkJob(replayed.definition, replayed.outcomes, replayed.state === 'cancelled' ? 'cancelled' : 'paused', journal, deps);
    if (job.#pending().length === 0 && job.#state !== 'cancelled') job.#state = 'finished';
    return { job, wasRunning: replayed.state === 'running' && job.#state === 'paused' };
  }

  get id(): string {
    return this.#def.id;
  }

  get name(): string {
    return this.#def.name;
  }

  /** Resolves when the current run has ended and its journal writes are durable. */
  get settled(): Promise<void> {
    return this.#finished;
  }

  #pending(): BulkTarget[] {
    return this.#def.targets.filter((t) => !this.#outcomes.has(t.key));
  }

  async start(): Promise<void> {
    if (this.#state === 'cancelled' || this.#state === 'finished') return;
    if (this.#run) {
      this.resume();
      return;
    }
    await this.#journal.append({ t: 'state', state: 'running', at: this.#deps.timers.now() });
    const run = new BulkRun({
      targets: this.#pending(),
      gate: this.#deps.gate,
      graph: this.#deps.graph,
      timers: this.#deps.timers,
      ...(this.#deps.batchSize ? { batchSize: this.#deps.batchSize } : {}),
      onOutcome: (o) => this.#record(o),
      onStopped: (error) => {
        this.#stopError = error;
        this.#state = 'stopped';
        this.#changed();
      },
    });
    this.#run = run;
    this.#state = 'running';
    this.#stopError = null;
    this.#changed();
    this.#finished = run.run().then(async (end) => {
      this.#requestsBefore += run.requests;
      this.#run = null;
      if (end === 'finished' && this.#state !== 'cancelled') this.#state = this.#pending().length ? 'paused' : 'finished';
      this.#changed();
    });
  }

  pause(): void {
    if (!this.#run || this.#state !== 'running') return;
    this.#run.pause();
    this.#state = 'paused';
    void this.#journal.append({ t: 'state', state: 'paused', at: this.#deps.timers.now() }).catch(() => undefined);
    this.#changed();
  }

  resume(): void {
    if (this.#state === 'cancelled' || this.#state === 'finished') return;
    if (!this.#run) {
      void this.start();
      return;
    }
    this.#run.resume();
    this.#state = 'running';
    this.#stopError = null;
    void this.#journal.append({ t: 'state', state: 'running', at: this.#deps.timers.now() }).catch(() => undefined);
    this.#changed();
  }

  forgetToken(): void {
    this.#deps.graph.forgetToken?.();
  }

  /** Holds a running job with a reason shown (sign-out): nothing is sent until it resumes; its token is forgotten. */
  hold(error: PortolanError): void {
    this.#deps.graph.forgetToken?.();
    if (!this.#run || this.#state !== 'running') return;
    this.#run.pause();
    this.#state = 'stopped';
    this.#stopError = error;
    this.#changed();
  }

  async cancel(): Promise<void> {
    this.#run?.cancel();
    this.#state = 'cancelled';
    await this.#journal.append({ t: 'state', state: 'cancelled', at: this.#deps.timers.now() });
    await this.#finished;
    this.#changed();
  }

  /** Looks the failed targets up again; their earlier answers are set aside in the journal first. */
  async rerunFailed(): Promise<number> {
    if (this.#run) return 0;
    const keys = [...this.#outcomes.values()].filter((o) => o.status === 'failed').map((o) => o.key);
    if (keys.length === 0) return 0;
    await this.#journal.append({ t: 'rerun', keys, at: this.#deps.timers.now() });
    for (const k of keys) this.#outcomes.delete(k);
    this.#state = 'paused';
    await this.start();
    return keys.length;
  }

  async close(): Promise<void> {
    this.#run?.cancel();
    await this.#finished;
    await this.#journal.close();
  }

  async #record(o: TargetOutcome): Promise<void> {
    const at = this.#deps.timers.now();
    let entry: Outcome;
    if (o.status === 'found') {
      const hits: BulkHitView[] = [];
      for (const hit of o.hits) {
        let snapshotId: string | null = null;
        try {
          snapshotId = (await this.#deps.saveHit?.(hit, this.#def.name)) ?? null;
        } catch {
          // The result stands without its history copy; the table shows it without a detail link.
        }
        hits.push(summarise(hit, snapshotId));
      }
      entry = { t: 'outcome', key: o.key, status: 'found', hits, at };
    } else entry = { t: 'outcome', key: o.key, status: o.status, error: o.error, at };
    await this.#journal.append(entry);
    this.#outcomes.set(o.key, entry);
    this.#recent.push(at);
    this.#changed();
  }

  #changed(): void {
    this.#deps.onChange?.();
  }

  status(): BulkJobStatusView {
    const now = this.#deps.timers.now();
    this.#recent = this.#recent.filter((t) => t > now - 60_000);
    let done = 0;
    let failed = 0;
    for (const o of this.#outcomes.values()) {
      if (o.status === 'failed') failed++;
      else done++;
    }
    const total = this.#def.targets.length;
    const remaining = total - done - failed;
    const span = this.#recent.length > 1 ? (now - this.#recent[0]!) / 60_000 : 0;
    const perMinute = span > 0 ? Math.round(this.#recent.length / Math.max(span, 1 / 60)) : 0;
    const gate = this.#deps.gate.state;
    return {
      id: this.#def.id,
      name: this.#def.name,
      createdAt: new Date(this.#def.createdAt).toISOString(),
      state: this.#state,
      total,
      done,
      failed,
      remaining,
      requests: this.#requestsBefore + (this.#run?.requests ?? 0),
      perMinute,
      etaSeconds: perMinute > 0 && remaining > 0 ? Math.ceil((remaining / perMinute) * 60) : remaining === 0 ? 0 : null,
      graphWaitSeconds: gate.pausedUntil > now ? Math.ceil((gate.pausedUntil - now) / 1000) : 0,
      stopError: this.#stopError,
    };
  }

  /** Every target in pasted order, answered or not; a host alone gives one row per observed port. */
  rows(): BulkResultRowView[] {
    const out: BulkResultRowView[] = [];
    for (const t of this.#def.targets) {
      const o = this.#outcomes.get(t.key);
      const target = t.kind === 'id' ? t.hostPortId : t.kind === 'host' ? t.host : `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
      if (!o) out.push({ key: t.key, line: t.line, target, outcome: 'pending', hit: null, error: null });
      else if (o.status === 'found') for (const hit of o.hits) out.push({ key: t.key, line: t.line, target, outcome: 'found', hit, error: null });
      else out.push({ key: t.key, line: t.line, target, outcome: o.status, hit: null, error: o.error });
    }
    return out;
  }
}

export function summarise(hit: BulkHit, snapshotId: string | null): BulkHitView {
  const hp = hit.hostPort;
  const subject = hp.certificate?.subject;
  return {
    hostPortId: hit.hostPortId,
    host: hit.host ?? hp.host?.id ?? null,
    port: hp.port,
    protocol: hp.protocol,
    status: hp.status,
    bannerCount: hp.banners.length,
    serviceCount: hp.services.length,
    topServices: hp.services
      .map((s) => [s.component?.name, s.component?.version].filter(Boolean).join(' '))
      .filter((s) => s !== '')
      .slice(0, 3),
    certificateSubject: subject?.commonName ?? subject?.organizationName ?? null,
    snapshotId,
  };
}
