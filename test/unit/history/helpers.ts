// Real folders on disk for history tests, a controllable clock, and a store opened with conf (as in Node).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { confKvFactory, createHistoryStore, type HistoryScheduler, type HistoryStore, type HistoryStoreOptions } from '../../../src-main/core/history';
import type { Clock } from '../../../src-main/core/ports';

const dirs: string[] = [];
const stores: HistoryStore[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portolan-history-'));
  dirs.push(d);
  return d;
}

export class FakeClock implements Clock {
  constructor(public ms = Date.UTC(2024, 5, 1, 12)) {}
  now(): number {
    return this.ms;
  }
}

/** Holds the store's deferred housekeeping until the test runs it: no real time passes. */
export class ManualScheduler implements HistoryScheduler {
  private tasks: { ms: number; task: () => void; cancelled: boolean }[] = [];

  schedule(ms: number, task: () => void): () => void {
    const entry = { ms, task, cancelled: false };
    this.tasks.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Delays of the tasks still waiting. */
  get pending(): number[] {
    return this.tasks.filter((t) => !t.cancelled).map((t) => t.ms);
  }

  /** Runs every waiting task (and any they schedule), in delay order. */
  runAll(): void {
    while (this.tasks.length > 0) {
      const due = this.tasks.splice(0).sort((a, b) => a.ms - b.ms);
      for (const t of due) if (!t.cancelled) t.task();
    }
  }
}

export async function openStore(dir: string, extra: Partial<HistoryStoreOptions> = {}): Promise<HistoryStore> {
  const store = await createHistoryStore({ dir, kv: confKvFactory, tuning: { searchLoadDelayMs: -1 }, ...extra });
  stores.push(store);
  return store;
}
