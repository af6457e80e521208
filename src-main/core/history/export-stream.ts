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
  let reads = 0;
  for (const hp of plan) {
    if (state.closed) throw new Error('The history was closed during the export.');
    if (format === 'json') await w.put(`${outcome.hostPorts > 0 ? ',' : ''}\n{"meta":${JSON.stringify(metaOf(state, hp.id))},"snapshots":[`);
    let written = 0;
    for (const id of hp.snaps) {
      if (++reads % READS_PER_TURN === 0) {
        await nextTurn();
        if (state.closed) throw new Error('The history was closed during the export.');
      }
      const s = readForExport(state, id, hp.id);
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

/** Snapshots read between two turns of the event loop, so other calls to the history get in during a long export. */
const READS_PER_TURN = 64;

/**
 * Reads each file synchronously: this runs in the history's own process, and a read of a few kilobytes already
 * in the page cache costs less than handing it to the threadpool (measured at about half the CPU per snapshot of
 * the asynchronous read). The caller yields to the event loop every READS_PER_TURN reads.
 */
function readForExport(state: HistoryState, id: string, hostPortId: string): SnapshotView | null {
  const got = state.files.readNow(id, hostPortId);
  if (got.ok) return got.snapshot;
  if (got.reason === 'damaged') state.notice(`A saved snapshot file was damaged; it was kept as ${got.movedTo} and left out of the export.`);
  return null;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
