// Export and import figures for bench/history.ts: time and peak RSS above idle for a streamed NDJSON export of
// the whole history and its import into an empty store, and whether that round trip gives back every snapshot
// unchanged (raw bodies byte for byte).
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { confKvFactory, createHistoryStore, type HistoryStore } from '../src-main/core/history';

export interface TransferFigures {
  export_ms: number;
  export_peak_rss_mb: number;
  import_ms: number;
  import_peak_rss_mb: number;
  roundtrip_equal: boolean;
  export_bytes: number;
}

/** Samples RSS while `work` runs; returns its duration and the peak above the RSS at its start. */
async function measured<T>(gc: () => void, work: () => Promise<T>): Promise<{ ms: number; peakMb: number; value: T }> {
  gc();
  const idle = process.memoryUsage.rss();
  let peak = idle;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const t0 = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { ms: performance.now() - t0, peakMb: (peak - idle) / 1048576, value };
  } finally {
    clearInterval(timer);
  }
}

async function ids(store: HistoryStore): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await store.list({ offset, limit: 500 });
    for (const row of page.items) for (const m of await store.snapshots(row.hostPortId)) out.push(m.id);
    if (offset + 500 >= page.total) return out;
  }
}

export async function benchTransfer(source: HistoryStore, gc: () => void, log: (s: string) => void): Promise<TransferFigures> {
  const work = mkdtempSync(join(tmpdir(), 'portolan-bench-transfer-'));
  try {
    const file = join(work, 'export.ndjson');
    const exp = await measured(gc, async () => {
      const out = createWriteStream(file);
      const outcome = await source.exportTo(out, 'ndjson');
      out.end();
      await once(out, 'close');
      return outcome;
    });
    const bytes = statSync(file).size;
    log(`  export: ${exp.value.snapshots} snapshots, ${(bytes / 1048576).toFixed(1)} MB in ${(exp.ms / 1000).toFixed(2)} s, peak rss +${exp.peakMb.toFixed(1)} MB`);
    const target = await createHistoryStore({ dir: join(work, 'target'), kv: confKvFactory, tuning: { searchLoadDelayMs: -1 } });
    try {
      const imp = await measured(gc, () => target.importFrom(() => createReadStream(file)));
      log(`  import: ${imp.value.added} added, ${imp.value.skipped} skipped, ${imp.value.refused ?? 0} refused in ${(imp.ms / 1000).toFixed(2)} s, peak rss +${imp.peakMb.toFixed(1)} MB`);
      const wanted = await ids(source);
      let equal = wanted.length === target.stats().snapshots;
      for (const id of wanted) {
        if (!equal) break;
        const [a, b] = [await source.get(id), await target.get(id).catch(() => null)];
        equal = b !== null && a.raw === b.raw && isDeepStrictEqual(a, b);
      }
      return {
        export_ms: Math.round(exp.ms),
        export_peak_rss_mb: Math.round(exp.peakMb * 10) / 10,
        import_ms: Math.round(imp.ms),
        import_peak_rss_mb: Math.round(imp.peakMb * 10) / 10,
        roundtrip_equal: equal,
        export_bytes: bytes,
      };
    } finally {
      await target.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
