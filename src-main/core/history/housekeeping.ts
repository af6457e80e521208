// Work the store does after open, off the path of the first page: emptying the trash of earlier sessions,
// taking back snapshot files an abrupt exit left unlisted, loading the search text. It all runs on the
// injectable scheduler, so tests drive it by hand, and close() waits for whatever is still running.
import { promises as fsp, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compactInBackground, maybeCompact } from './compaction';
import type { JournalRecord } from './journal';
import { kvPath } from './kv-files';
import { TRASH_DIR } from './layout';
import { encodeRec, recFromSnapshot, searchTerms, type SnapRec } from './records';
import { loadSearch } from './search-text';
import type { HistoryState } from './state';
import type { HistoryScheduler } from './types';
import type { UndoLedger } from './undo-ledger';

/** Timers that never keep the process alive. */
const timerScheduler: HistoryScheduler = {
  schedule(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export class Housekeeping {
  private readonly timers = new Set<() => void>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly scheduler: HistoryScheduler;

  private compacting = false;
  private compactionStarted = false;

  constructor(private readonly state: HistoryState) {
    this.scheduler = state.opts.scheduler ?? timerScheduler;
    state.scheduleCompaction = () => this.compactSoon();
  }

  /** One background compaction at a time; a request while one is queued or running is already covered. */
  compactSoon(): void {
    if (this.compacting || this.state.mode === 'readOnly') return;
    this.compacting = true;
    this.compactionStarted = false;
    this.later(0, () => {
      this.compactionStarted = true;
      const { beforeCompactionCommit: beforeCommit, compactionTurn: turn } = this.state.opts.tuning ?? {};
      return compactInBackground(this.state, { ...(beforeCommit ? { beforeCommit } : {}), ...(turn ? { turn } : {}) })
        .catch((err: unknown) => {
          // The journal still holds every change; the next request tries again.
          this.state.notice(`Folding the history journal into its index failed and will be retried: ${err instanceof Error ? err.message : String(err)}`);
        })
        .finally(() => {
          this.compacting = false;
        });
    });
  }

  /** True when a compaction was asked for and cancel() stopped it before it started (close() then runs it). */
  get compactionOwed(): boolean {
    return this.compacting && !this.compactionStarted;
  }

  /** Schedules what an open leaves for later. */
  afterOpen(ledger: UndoLedger, cleanExit: boolean): void {
    const { state } = this;
    for (const leftover of readdirSync(state.dir).filter((f) => f.startsWith(`${TRASH_DIR}-purge-`))) {
      this.later(0, () => fsp.rm(join(state.dir, leftover), { recursive: true, force: true }));
    }
    // After an abrupt exit a snapshot file may exist whose journal line never made it. The Graph answer in it was
    // real, so it is added back to the list, never deleted.
    if (!cleanExit) this.later(state.opts.tuning?.sweepDelayMs ?? 2000, () => adoptOrphans(state, ledger));
    const delay = state.opts.tuning?.searchLoadDelayMs ?? 0;
    if (delay >= 0) this.later(delay, async () => loadSearch(state));
  }

  /** Keeps `p` running past the call that started it; close() waits for it. */
  track(p: Promise<unknown>): void {
    const tracked = p.catch(() => undefined).finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  /** Cancels every task not yet started. */
  cancel(): void {
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  /** Resolves when every started task has finished. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.background]);
  }

  private later(ms: number, task: () => unknown): void {
    const cancel = this.scheduler.schedule(ms, () => {
      this.timers.delete(cancel);
      if (this.state.closed) return;
      try {
        const result = task();
        if (result instanceof Promise) this.track(result);
      } catch (err) {
        this.state.notice(`A background history task failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    this.timers.add(cancel);
  }
}

/**
 * Snapshot files on disk that the list does not know: a save whose file was written but whose journal line was
 * not. Deleted snapshots are never among them (their files moved to the trash when the deletion was recorded, or
 * at the next open), so every such file is a real Graph answer and goes back into the list.
 */
function adoptOrphans(state: HistoryState, ledger: UndoLedger): void {
  if (state.closed) return;
  state.files.removeLeftoverTemps();
  const lines: JournalRecord[] = [];
  const adopted: { rec: SnapRec; terms: string[] }[] = [];
  for (const { dir, id } of state.files.scan()) {
    if (state.closed) return;
    if (state.mem.snaps.has(id) || ledger.holds(id) || state.importing.has(id)) continue;
    const got = state.files.readAt(dir, id);
    if (!got.ok || state.files.pathOf(id, got.snapshot.hostPortId) !== kvPath(dir, id)) continue;
    const rec = recFromSnapshot(got.snapshot);
    const terms = searchTerms(got.snapshot);
    adopted.push({ rec, terms });
    lines.push({ g: state.generation, t: 'add', r: encodeRec(rec), s: terms });
  }
  if (adopted.length === 0) return;
  state.journal.append(lines);
  for (const { rec, terms } of adopted) state.mem.add(rec, terms);
  state.notice(`${adopted.length} saved snapshot(s) that were missing from the history list (the last session stopped abruptly) were added back.`);
  maybeCompact(state);
}
