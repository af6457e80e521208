// Real folders on disk for history tests, a controllable clock, and a store opened with conf (as in Node).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { confKvFactory, createHistoryStore, type HistoryStore, type HistoryStoreOptions } from '../../../src-main/core/history';
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

export async function openStore(dir: string, extra: Partial<HistoryStoreOptions> = {}): Promise<HistoryStore> {
  const store = await createHistoryStore({ dir, kv: confKvFactory, tuning: { searchLoadDelayMs: -1 }, ...extra });
  stores.push(store);
  return store;
}
