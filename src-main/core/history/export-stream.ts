// Export written snapshot by snapshot to a stream: the whole history is never held in memory, and the caller
// (a file chosen in a save dialog, an HTTP download) owns the destination. NDJSON is the format meant for large
// histories (a header line, then one record per line); JSON is the versioned document older Portolans import,
// written as a stream too; CSV is for spreadsheets.
import type { Writable } from 'node:stream';
import type { SnapshotView } from '../../../src-shared/views';
import { CSV_BOM, CSV_HEADER_LINE, csvSnapshotRows } from './export-csv';
import { EXPORT_FORMAT, EXPORT_VERSION, NDJSON_VERSION } from './export-format';
import type { HistoryState } from './state';

export type ExportFormat = 'ndjson' | 'json' | 'csv';

export interface ExportOutcome {
  snapshots: number;
  hostPorts: number;
}

const EXTENSION: Record<ExportFormat, string> = { ndjson: 'ndjson', json: 'json', csv: 'csv' };
export const EXPORT_MIME: Record<ExportFormat, string> = { ndjson: 'application/x-ndjson', json: 'application/json', csv: 'text/csv' };

export function exportFilenameFor(nowMs: number, format: ExportFormat): string {
  return `portolan-history-${new Date(nowMs).toISOString().slice(0, 10)}.${EXTENSION[format]}`;
}

/** Buffers small writes into chunks and waits for the destination to drain, so memory stays at one chunk. */
class ChunkWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: Writable) {}

  async put(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 256 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (this.out.destroyed) throw new Error('The export destination was closed.');
    if (this.out.write(chunk)) return;
    await whenDrained(this.out);
  }
}

/** Resolves when a destination that refused more (write returned false) takes more again, or is closed. */
export function whenDrained(out: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * Writes the chosen host ports (all when none are named) in list order. The list is copied first (ids only), so
 * saves and deletions during a long export neither break it nor change what it holds; a snapshot whose file is
 * gone by the time it is reached is left out, as a damaged one is.
 */
export async function writeExport(state: HistoryState, out: Writable, format: ExportFormat, hostPortIds?: string[]): Promise<ExportOutcome> {
  const wanted = hostPortIds ? new Set(hostPortIds) : null;
  const plan = state.mem
    .ordered()
    .filter((hp) => !wanted || wanted.has(hp.id))
    .map((hp) => ({ id: hp.id, snaps: hp.snaps.map((r) => r.id) }));
  const w = new ChunkWriter(out);
  const exportedAt = state.isoNow();
  const outcome: ExportOutcome = { snapshots: 0, hostPorts: 0 };
  if (format === 'ndjson') await w.put(JSON.stringify({ format: EXPORT_FORMAT, version: NDJSON_VERSION, exportedAt }) + '\n');
  else if (format === 'json') await w.put(`{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${JSON.stringify(exportedAt)},"hostPorts":[`);
  else await w.put(CSV_BOM + CSV_HEADER_LINE + '\r\n');
  const reads = new ReadAhead(state, plan);
  for (const hp of plan) {
    if (state.closed) throw new Error('The history was closed during the export.');
    if (format === 'json') await w.put(`${outcome.hostPorts > 0 ? ',' : ''}\n{"meta":${JSON.stringify(metaOf(state, hp.id))},"snapshots":[`);
    let written = 0;
    for (let i = 0; i < hp.snaps.length; i++) {
      const s = await reads.next();
      if (!s) continue;
      if (format === 'ndjson') await w.put(JSON.stringify({ type: 'snapshot', snapshot: s }) + '\n');
      else if (format === 'json') await w.put(`${written > 0 ? ',' : ''}\n${JSON.stringify(s)}`);
      else await w.put(csvSnapshotRows(s).map((line) => line + '\r\n').join(''));
      written++;
    }
    outcome.snapshots += written;
    outcome.hostPorts++;
    if (format === 'ndjson') await w.put(JSON.stringify({ type: 'meta', meta: metaOf(state, hp.id) }) + '\n');
    else if (format === 'json') await w.put(']}');
  }
  if (format === 'json') await w.put('\n]}\n');
  await w.flush();
  return outcome;
}

function metaOf(state: HistoryState, hostPortId: string): { hostPortId: string; note: string; tags: string[]; pinned: boolean } {
  const m = state.mem.getMeta(hostPortId);
  return { hostPortId, note: m.note, tags: [...m.tags], pinned: m.pinned };
}

/** File reads kept a few snapshots ahead of the writer, in order, so their latency overlaps. */
class ReadAhead {
  private readonly queue: Promise<SnapshotView | null>[] = [];
  private readonly order: Generator<[string, string]>;

  constructor(
    private readonly state: HistoryState,
    plan: { id: string; snaps: string[] }[],
  ) {
    this.order = (function* () {
      for (const hp of plan) for (const id of hp.snaps) yield [id, hp.id] as [string, string];
    })();
    this.fill();
  }

  next(): Promise<SnapshotView | null> {
    const head = this.queue.shift() ?? Promise.resolve(null);
    this.fill();
    return head;
  }

  private fill(): void {
    while (this.queue.length < 16) {
      const step = this.order.next();
      if (step.done) return;
      const read = readForExport(this.state, step.value[0], step.value[1]);
      // Awaited in order by next(); marked handled so one failing early is not reported as unhandled meanwhile.
      read.catch(() => undefined);
      this.queue.push(read);
    }
  }
}

async function readForExport(state: HistoryState, id: string, hostPortId: string): Promise<SnapshotView | null> {
  const got = await state.files.readAsync(id, hostPortId);
  if (got.ok) return got.snapshot;
  if (got.reason === 'damaged') state.notice(`A saved snapshot file was damaged; it was kept as ${got.movedTo} and left out of the export.`);
  return null;
}
