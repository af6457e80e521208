// Where the history store runs. The app and the preview host it in another process or thread (`host`), so the
// thread that serves IPC never waits on the disk; without a host it opens in this process, which unit tests use
// to drive its housekeeping by hand. This is the one place outside history/ that may open the store directly.
import { createHistoryStore } from '../history/store';
import type { HistoryScheduler, HistoryStore, RetentionPolicy } from '../history/types';
import type { Clock, KvStoreFactory } from '../ports';
import { createHostedHistory } from './client';
import type { SpawnHost } from './protocol';

export interface HistoryPlacement {
  dir: string;
  retention: () => RetentionPolicy;
  /** Runs the store elsewhere; the options below apply only in-process (the host has its own). */
  host?: SpawnHost;
  kv: KvStoreFactory;
  clock?: Clock;
  scheduler?: HistoryScheduler;
}

export function openHistory(p: HistoryPlacement): Promise<HistoryStore> {
  if (p.host) return createHostedHistory({ dir: p.dir, spawn: p.host, retention: p.retention });
  return createHistoryStore({
    dir: p.dir,
    kv: p.kv,
    retention: p.retention,
    ...(p.clock ? { clock: p.clock } : {}),
    ...(p.scheduler ? { scheduler: p.scheduler } : {}),
  });
}
