// main_block_p99_ms: how long the thread that serves IPC is kept from its event loop while the history works. A
// 10,000-snapshot save loop and then a storm of concurrent searches go through the history as the app and the
// preview use it (hosted in a worker thread), while perf_hooks samples this thread's event-loop delay at 1 ms
// resolution. With `inProcess` the same load runs against a store opened on this thread, for comparison.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { confKvFactory, createHistoryStore, type HistoryStore, type SnapshotInput } from '../src-main/core/history';
import { createHostedHistory } from '../src-main/core/history-host/client';
import { workerHostSpawner } from '../src-main/core/history-host/worker-host';
import { makeSnapshot } from '../test/support/snapshots';

export interface MainBlockFigures {
  main_block_p99_ms: number;
  /** The same measure over an idle second first: what the machine's own load costs, for reading the rest. */
  idle_p99_ms: number;
  main_block_max_ms: number;
  save_phase_p99_ms: number;
  search_phase_p99_ms: number;
  saves: number;
  searches: number;
  in_process: boolean;
}

const QUERIES = ['openssh_8.2p1', 'microsoft esmtp', 'x-powered-by: php/8.1', 'vsftpd', 'wordpress', 'bootstrap', 'jquery 3.5.1', 'postfix'];
const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
/** Each IPC request is a task of its own in the app: the loop turns between them (and samples its delay). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function monitor(): IntervalHistogram {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  return h;
}

export async function benchMainBlock(options: { saves?: number; searches?: number; inProcess?: boolean; log: (s: string) => void }): Promise<MainBlockFigures> {
  const saves = options.saves ?? 10_000;
  const searches = options.searches ?? 400;
  const dir = mkdtempSync(join(tmpdir(), 'portolan-bench-main-block-'));
  let store: HistoryStore | null = null;
  try {
    store = options.inProcess
      ? await createHistoryStore({ dir, kv: confKvFactory })
      : await createHostedHistory({ dir, spawn: workerHostSpawner() });
    // Inputs are built before measuring: making test data is not the history's work.
    const hostPorts = Math.max(1, Math.floor(saves / 4));
    const inputs: SnapshotInput[] = Array.from({ length: saves }, (_, i) => makeSnapshot(i, { hostPorts }));

    const idle = monitor();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    idle.disable();

    const all = monitor();
    const savePhase = monitor();
    for (const input of inputs) {
      await store.save(input);
      await turn();
    }
    savePhase.disable();
    await store.searchReady();
    const searchPhase = monitor();
    // Eight searches in flight at a time, as a typing analyst and a busy bulk run might cause together.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < searches) {
        await store!.list({ text: QUERIES[next++ % QUERIES.length]!, limit: 100 });
        await turn();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    searchPhase.disable();
    all.disable();
    const figures: MainBlockFigures = {
      main_block_p99_ms: ms(all.percentile(99)),
      main_block_max_ms: ms(all.max),
      idle_p99_ms: ms(idle.percentile(99)),
      save_phase_p99_ms: ms(savePhase.percentile(99)),
      search_phase_p99_ms: ms(searchPhase.percentile(99)),
      saves,
      searches,
      in_process: options.inProcess === true,
    };
    options.log(
      `  main thread (${figures.in_process ? 'store in-process' : 'store hosted in a worker'}): event-loop delay p99 ${figures.main_block_p99_ms} ms, ` +
        `max ${figures.main_block_max_ms} ms over ${saves} saves (p99 ${figures.save_phase_p99_ms} ms) and ${searches} searches (p99 ${figures.search_phase_p99_ms} ms); ` +
        `the same thread idle: p99 ${figures.idle_p99_ms} ms (machine load; Node counts the 1 ms sampling interval in each figure)`,
    );
    return figures;
  } finally {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
