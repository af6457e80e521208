// npm run bench:history -- --entries N [--json] [--baseline-saves K] [--no-baseline] [--no-transfer]
//   [--no-main-block] [--main-block-saves N (10000)] [--main-block-in-process]  (main_block_p99_ms: see main-block.ts)
//
// Measures the history store and the naive baseline (every snapshot in one array in one conf store) on realistic
// 3-5 KB snapshots. With --json the last line printed is one JSON object with the figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { confKvFactory, createHistoryStore } from '../src-main/core/history';
import { makeSnapshot } from '../test/support/snapshots';
import { benchTransfer, type TransferFigures } from './history-transfer';
import { benchMainBlock } from './main-block';
import { NaiveHistory, toV1 } from './naive-history';

interface Figures {
  entries: number;
  save_p50_ms: number;
  save_p95_ms: number;
  search_p50_ms: number;
  open_ms: number;
  bytes: number;
  rss_delta_mb?: number;
  heap_delta_mb?: number;
  save_max_ms?: number;
  transfer?: TransferFigures;
}

const QUERIES = ['openssh_8.2p1', 'microsoft esmtp', 'x-powered-by: php/8.1', 'vsftpd', 'wordpress', 'bootstrap', 'jquery 3.5.1', 'postfix'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const round = (n: number): number => Math.round(n * 1000) / 1000;
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const mb = (b: number): number => round(b / 1048576);
// Memory deltas mean little without a full collection first; the npm script cannot pass --expose-gc, so ask V8.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const gc = (): void => collect();

function bytesOnDisk(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, f) => sum + bytesOnDisk(join(path, f)), 0);
}

interface ChildOpen {
  open_ms: number;
  rss_delta_mb: number;
  heap_delta_mb: number;
}

/**
 * Child mode: open a history cold in this fresh process and time it to the first page of the list; then load what
 * searching needs and report the memory that costs (deltas from the process's own start, after full collections).
 */
async function openOnly(dir: string, kind: string): Promise<void> {
  gc();
  const m0 = process.memoryUsage();
  const t0 = performance.now();
  let ms: number;
  let keep: unknown;
  if (kind === 'naive') {
    const naive = new NaiveHistory(dir);
    naive.firstPage();
    ms = performance.now() - t0;
    // The naive store holds nothing between calls; a search parses the whole file again.
    keep = naive.conf.get('snapshots');
  } else {
    const store = await createHistoryStore({ dir, kv: confKvFactory });
    await store.list({ limit: 100 });
    ms = performance.now() - t0;
    await store.searchReady();
    await store.list({ text: 'nginx' });
    keep = store;
  }
  gc();
  const m1 = process.memoryUsage();
  const out: ChildOpen = { open_ms: ms, rss_delta_mb: mb(m1.rss - m0.rss), heap_delta_mb: mb(m1.heapUsed - m0.heapUsed) };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  void keep;
  process.exit(0);
}

function openInChild(dir: string, kind: 'store' | 'naive'): ChildOpen {
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--open-only', dir, '--kind', kind], {
    encoding: 'utf8',
    cwd: join(__dirname, '..'),
    maxBuffer: 1 << 20,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ChildOpen;
  } catch {
    throw new Error(`open child failed: ${child.stderr}`);
  }
}

async function benchStore(entries: number, log: (s: string) => void): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-bench-store-'));
  try {
    const hostPorts = Math.max(1, Math.floor(entries / 4));
    const store = await createHistoryStore({ dir, kv: confKvFactory, tuning: { searchLoadDelayMs: -1 } });
    const saves: number[] = [];
    const started = performance.now();
    for (let i = 0; i < entries; i++) {
      const input = makeSnapshot(i, { hostPorts });
      const t = performance.now();
      await store.save(input);
      saves.push(performance.now() - t);
      // As between lookups in the app: background work (the journal compaction every 2,000 saves) gets its turns,
      // so a save that has to wait for it is counted in save_max_ms.
      await new Promise((resolve) => setImmediate(resolve));
      if (i > 0 && i % 10000 === 0) log(`  store: ${i} saved (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    await store.close();
    const bytes = bytesOnDisk(dir);

    // Cold start in a fresh process (page cache warm, as when the app restarts).
    const child = openInChild(dir, 'store');

    const t0 = performance.now();
    const fresh = await createHistoryStore({ dir, kv: confKvFactory, tuning: { searchLoadDelayMs: -1 } });
    await fresh.list({ limit: 100 });
    const inProcessOpen = performance.now() - t0;
    const t1 = performance.now();
    await fresh.searchReady();
    const searchLoad = performance.now() - t1;
    const searches: number[] = [];
    let hits = 0;
    for (let round = 0; round < 5; round++) {
      for (const text of QUERIES) {
        const t = performance.now();
        const page = await fresh.list({ text, limit: 100 });
        searches.push(performance.now() - t);
        hits += page.total;
      }
    }
    log(
      `  store: open ${child.open_ms.toFixed(1)} ms in a fresh process, ${inProcessOpen.toFixed(1)} ms freshly constructed in-process; ` +
        `search text loaded after the first page in ${searchLoad.toFixed(1)} ms; ${hits / 5} hostPort hits per query round; ` +
        `slowest saves p99 ${pct(saves, 99).toFixed(2)} ms, max ${pct(saves, 100).toFixed(1)} ms (the journal is compacted in the background every 2,000 saves)`,
    );
    const transfer = flag('no-transfer') ? undefined : await benchTransfer(fresh, gc, log);
    await fresh.close();
    return {
      entries,
      save_max_ms: round(pct(saves, 100)),
      ...(transfer ? { transfer } : {}),
      save_p50_ms: round(pct(saves, 50)),
      save_p95_ms: round(pct(saves, 95)),
      search_p50_ms: round(pct(searches, 50)),
      open_ms: round(child.open_ms),
      bytes,
      rss_delta_mb: child.rss_delta_mb,
      heap_delta_mb: child.heap_delta_mb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchBaseline(entries: number, sampleSaves: number, log: (s: string) => void): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-bench-naive-'));
  try {
    const hostPorts = Math.max(1, Math.floor(entries / 4));
    const prefill = Math.max(0, entries - sampleSaves);
    NaiveHistory.prefill(join(dir, 'history.json'), Array.from({ length: prefill }, (_, i) => toV1(makeSnapshot(i, { hostPorts }), `naive-${i}`)));
    log(`  baseline: prefilled ${prefill} snapshots by writing the file once; timing the last ${entries - prefill} saves through conf`);
    const naive = new NaiveHistory(dir);
    const saves: number[] = [];
    for (let i = prefill; i < entries; i++) {
      const s = toV1(makeSnapshot(i, { hostPorts }), `naive-${i}`);
      const t = performance.now();
      naive.save(s);
      saves.push(performance.now() - t);
    }
    const bytes = bytesOnDisk(dir);
    const child = openInChild(dir, 'naive');
    const fresh = new NaiveHistory(dir);
    const searches: number[] = [];
    const queries = entries > 20000 ? QUERIES.slice(0, 3) : QUERIES;
    for (const text of queries) {
      const t = performance.now();
      fresh.firstPage(text);
      searches.push(performance.now() - t);
    }
    return {
      entries,
      save_p50_ms: round(pct(saves, 50)),
      save_p95_ms: round(pct(saves, 95)),
      search_p50_ms: round(pct(searches, 50)),
      open_ms: round(child.open_ms),
      bytes,
      rss_delta_mb: child.rss_delta_mb,
      heap_delta_mb: child.heap_delta_mb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface BaselineFailure {
  entries: number;
  failed: string;
}

/**
 * The naive design has a ceiling: its whole history is one JSON document, and near 81,000 snapshots that document
 * is longer than V8's longest string, so it can be neither written nor read. Past it the baseline is reported as
 * failed, with the reason, and the store's own figures still come out.
 */
function baselineFailed(entries: number, err: unknown, log: (s: string) => void): BaselineFailure {
  const reason = err instanceof Error ? err.message : String(err);
  const why = err instanceof RangeError && /string length/i.test(reason) ? ` (one JSON document of ${entries} snapshots is longer than V8's longest string)` : '';
  const failed = `the naive store cannot hold ${entries} snapshots: ${reason}${why}`;
  log(`  baseline: ${failed}`);
  return { entries, failed };
}

async function main(): Promise<void> {
  const openDir = arg('open-only');
  if (openDir) return openOnly(openDir, arg('kind') ?? 'store');
  const entries = Number(arg('entries') ?? 1000);
  if (!Number.isInteger(entries) || entries < 1) throw new Error('--entries must be a positive integer');
  const json = flag('json');
  const sample = Math.min(entries, Number(arg('baseline-saves') ?? Math.max(5, Math.min(50, Math.round(100000 / entries)))));
  const log = (s: string): void => console.log(s);

  log(`history benchmark: ${entries} snapshots (3-5 KB each) over ${Math.max(1, Math.floor(entries / 4))} hostPorts`);
  const store = await benchStore(entries, log);
  const baseline = flag('no-baseline') ? null : await benchBaseline(entries, sample, log).catch((err: unknown) => baselineFailed(entries, err, log));
  const mainBlock = flag('no-main-block') ? null : await benchMainBlock({ saves: Number(arg('main-block-saves') ?? 10_000), inProcess: flag('main-block-in-process'), log });
  const row = (name: string, f: Figures): string =>
    `${name.padEnd(9)} save p50 ${f.save_p50_ms} ms, p95 ${f.save_p95_ms} ms | search p50 ${f.search_p50_ms} ms | open ${f.open_ms} ms | ` +
    `${mb(f.bytes)} MB on disk | after open+search: rss +${f.rss_delta_mb} MB, heap +${f.heap_delta_mb} MB`;
  log(row('store', store));
  if (baseline && 'failed' in baseline) log(`baseline  failed: ${baseline.failed}`);
  else if (baseline) {
    log(row('baseline', baseline));
    log(`save speed-up ${(baseline.save_p50_ms / store.save_p50_ms).toFixed(0)}x, search ${(baseline.search_p50_ms / store.search_p50_ms).toFixed(0)}x, open ${(baseline.open_ms / store.open_ms).toFixed(1)}x`);
  }
  if (json) {
    const pick = (f: Figures) => ({ entries: f.entries, save_p50_ms: f.save_p50_ms, save_p95_ms: f.save_p95_ms, search_p50_ms: f.search_p50_ms, open_ms: f.open_ms, bytes: f.bytes });
    const t = store.transfer;
    const transfer = t
      ? { export_ms: t.export_ms, export_peak_rss_mb: t.export_peak_rss_mb, import_ms: t.import_ms, import_peak_rss_mb: t.import_peak_rss_mb, roundtrip_equal: t.roundtrip_equal }
      : {};
    console.log(JSON.stringify({ ...pick(store), save_max_ms: store.save_max_ms, ...transfer, ...(mainBlock ? { main_block_p99_ms: mainBlock.main_block_p99_ms } : {}), baseline: baseline && !('failed' in baseline) ? pick(baseline) : baseline }));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
