// The bulk jobs of this user-data folder: started, paused, resumed, cancelled and re-run here; every job on
// disk is loaded at start-up, and one that was running when the app went away carries on by itself.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { BulkResultsRequest } from '../../../src-shared/bulk-contract';
import { planBulk } from '../../../src-shared/bulk-targets';
import type { BulkJobStatusView, BulkResultRowView } from '../../../src-shared/bulk-views';
import type { ExportView, PortolanError } from '../../../src-shared/views';
import { fail } from '../failure';
import { bulkExport } from './export';
import type { ThrottleGate } from './gate';
import type { BulkGraph, BulkHit } from './graph-calls';
import { BulkJob } from './job';
import type { BulkTimers } from './timers';

export interface BulkServiceDeps {
  dir: string;
  gate: ThrottleGate;
  timers: BulkTimers;
  /** The Graph calls for the source in force (demo, static token or signed-in). */
  graph(): BulkGraph;
  saveHit?: (hit: BulkHit, jobName: string) => Promise<string | null>;
}

type ResultsQuery = z.output<typeof BulkResultsRequest>;
const SIGN_IN_KINDS = new Set<string>(['signInRequired', 'unauthorized']);

export class BulkService {
  readonly #deps: BulkServiceDeps;
  readonly #jobs = new Map<string, BulkJob>();

  constructor(deps: BulkServiceDeps) {
    this.#deps = deps;
  }

  #jobDeps() {
    const d = this.#deps;
    return { gate: d.gate, graph: d.graph(), timers: d.timers, ...(d.saveHit ? { saveHit: d.saveHit } : {}) };
  }

  /** Loads every job on disk; those interrupted while running resume. */
  async restore(): Promise<void> {
    await mkdir(this.#deps.dir, { recursive: true, mode: 0o700 });
    for (const entry of await readdir(this.#deps.dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || this.#jobs.has(entry.name)) continue;
      try {
        const { job, wasRunning } = await BulkJob.load(join(this.#deps.dir, entry.name), this.#jobDeps());
        this.#jobs.set(job.id, job);
        if (wasRunning) await job.start();
      } catch {
        // A job folder without a readable definition was never started (crash before the rename): skip it.
      }
    }
  }

  async start(name: string, lines: readonly string[]): Promise<BulkJobStatusView> {
    const plan = planBulk(lines);
    if (plan.targets.length === 0) throw fail('invalidInput', 'Nothing to look up: every line was refused, a duplicate or blank.', { field: 'lines' });
    const id = randomUUID();
    const job = await BulkJob.create(join(this.#deps.dir, id), { id, name, createdAt: this.#deps.timers.now(), targets: plan.targets }, this.#jobDeps());
    this.#jobs.set(id, job);
    await job.start();
    return job.status();
  }

  #job(id: string): BulkJob {
    const job = this.#jobs.get(id);
    if (!job) throw fail('notFound', 'There is no bulk job with that id.', { field: 'jobId' });
    return job;
  }

  pause(id: string): BulkJobStatusView {
    const job = this.#job(id);
    job.pause();
    return job.status();
  }

  resume(id: string): BulkJobStatusView {
    const job = this.#job(id);
    job.resume();
    return job.status();
  }

  async cancel(id: string): Promise<BulkJobStatusView> {
    const job = this.#job(id);
    await job.cancel();
    return job.status();
  }

  async rerunFailed(id: string): Promise<BulkJobStatusView> {
    const job = this.#job(id);
    await job.rerunFailed();
    return job.status();
  }

  /** Signed out: running jobs hold with that reason; every job forgets the token it held. */
  holdForSignIn(signedIn: boolean): void {
    const error: PortolanError = { kind: 'signInRequired', message: 'Signed out: the job waits until you sign in again.' };
    for (const job of this.#jobs.values()) {
      if (signedIn) job.forgetToken();
      else job.hold(error);
    }
  }

  /** Signed in again: jobs that stopped for want of sign-in carry on where they stopped. */
  resumeAfterSignIn(): void {
    for (const job of this.#jobs.values()) {
      const s = job.status();
      if (s.state === 'stopped' && s.stopError && SIGN_IN_KINDS.has(s.stopError.kind)) job.resume();
    }
  }

  /** Resolves when the job's current run has ended and its answers are on disk. */
  settled(id: string): Promise<void> {
    return this.#job(id).settled;
  }

  list(): BulkJobStatusView[] {
    return [...this.#jobs.values()].map((j) => j.status()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  results(q: ResultsQuery): { rows: BulkResultRowView[]; total: number } {
    let rows = this.#job(q.jobId).rows();
    if (q.outcome) rows = rows.filter((r) => r.outcome === q.outcome);
    const needle = q.filter.trim().toLowerCase();
    if (needle) rows = rows.filter((r) => searchText(r).includes(needle));
    const key = sortKey(q.sort);
    const dir = q.descending ? -1 : 1;
    rows = rows
      .map((r, i) => ({ r, i, k: key(r) }))
      .sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.i - b.i))
      .map((x) => x.r);
    return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
  }

  export(id: string, format: 'csv' | 'json'): ExportView {
    const job = this.#job(id);
    const s = job.status();
    return bulkExport(s.name, s.createdAt, job.rows(), format);
  }

  async close(): Promise<void> {
    for (const job of this.#jobs.values()) await job.close();
  }
}

function searchText(r: BulkResultRowView): string {
  const h = r.hit;
  return [r.target, h?.host, h?.status, h?.protocol, h?.certificateSubject, ...(h?.topServices ?? []), r.error?.message, r.outcome].filter(Boolean).join('\n').toLowerCase();
}

function sortKey(sort: ResultsQuery['sort']): (r: BulkResultRowView) => string | number {
  switch (sort) {
    case 'line':
      return (r) => r.line;
    case 'target':
      return (r) => r.target;
    case 'host':
      return (r) => r.hit?.host ?? r.target;
    case 'port':
      return (r) => r.hit?.port ?? -1;
    case 'protocol':
      return (r) => r.hit?.protocol ?? '';
    case 'status':
      return (r) => r.hit?.status ?? r.error?.kind ?? '';
    case 'outcome':
      return (r) => r.outcome;
    case 'banners':
      return (r) => r.hit?.bannerCount ?? -1;
    case 'services':
      return (r) => r.hit?.serviceCount ?? -1;
    case 'certificate':
      return (r) => r.hit?.certificateSubject ?? '';
  }
}
