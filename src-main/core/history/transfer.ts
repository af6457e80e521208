// Export (JSON for another Portolan, CSV for a spreadsheet) and import. An import adds only snapshots the history
// does not hold yet (same id or same content) and merges notes, tags and pins without overwriting any.
import type { ExportView, ImportReportView, SnapshotView } from '../../../src-shared/views';
import { PortolanFailure } from '../failure';
import { maybeCompact } from './compaction';
import { csvRows } from './export-csv';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile } from './export-format';
import { parseImport } from './import-check';
import type { JournalRecord } from './journal';
import type { HostPortMeta } from './memory-index';
import { normaliseTags, saveMeta } from './meta-file';
import { readRec } from './read-snapshot';
import { decodeRec, encodeRec, recFromSnapshot, searchTerms } from './records';
import { loadSearch } from './search-text';
import type { HistoryState } from './state';
import { asStorageFailure } from './storage-failure';

type ExportEntry = ExportFile['hostPorts'][number];

/** The chosen hostPorts (all when none are named) in list order, with every snapshot that can still be read. */
function* selected(state: HistoryState, hostPortIds?: string[]): Generator<ExportEntry> {
  const wanted = hostPortIds ? new Set(hostPortIds) : null;
  for (const hp of [...state.mem.ordered()]) {
    if (wanted && !wanted.has(hp.id)) continue;
    const snapshots: SnapshotView[] = [];
    for (const rec of hp.snaps) {
      try {
        snapshots.push(readRec(state, rec));
      } catch (err) {
        if (!(err instanceof PortolanFailure)) throw err;
      }
    }
    const m = state.mem.getMeta(hp.id);
    yield { meta: { hostPortId: hp.id, note: m.note, tags: [...m.tags], pinned: m.pinned }, snapshots };
  }
}

export function exportJson(state: HistoryState, hostPortIds?: string[]): ExportView {
  const file: ExportFile = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: state.isoNow(), hostPorts: [...selected(state, hostPortIds)] };
  return { filename: `portolan-history-${state.isoNow().slice(0, 10)}.json`, mime: 'application/json', content: JSON.stringify(file, null, 1) };
}

export function exportCsv(state: HistoryState, hostPortIds?: string[]): ExportView {
  const all = [...selected(state, hostPortIds)].flatMap((e) => e.snapshots);
  return { filename: `portolan-history-${state.isoNow().slice(0, 10)}.csv`, mime: 'text/csv', content: csvRows(all) };
}

export function importHistory(state: HistoryState, content: string): ImportReportView {
  const { mem } = state;
  const file = parseImport(content); // throws before anything is written
  loadSearch(state);
  const fresh: SnapshotView[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const entry of file.hostPorts) {
    for (const s of entry.snapshots) {
      const rec = recFromSnapshot(s);
      if (mem.snaps.has(s.id) || mem.hasHash(rec.hash) || seen.has(s.id) || seen.has(rec.hash)) {
        skipped++;
        continue;
      }
      seen.add(s.id);
      seen.add(rec.hash);
      fresh.push(s);
    }
  }
  try {
    const lines: JournalRecord[] = [];
    for (const s of fresh) {
      state.files.write(s);
      const rec = recFromSnapshot(s);
      const terms = searchTerms(s);
      lines.push({ g: state.generation, t: 'add', r: encodeRec(rec), s: terms });
    }
    // One fsync for the whole batch; the files are durable already, the journal makes them visible.
    state.journal.append(lines);
    for (const line of lines) if (line.t === 'add') mem.add(decodeRec(line.r)!, line.s);
    let metaChanged = false;
    for (const { meta } of file.hostPorts) {
      if (!mem.hostPorts.has(meta.hostPortId)) continue;
      const cur = mem.getMeta(meta.hostPortId);
      const merged: HostPortMeta = {
        note: cur.note || meta.note,
        tags: normaliseTags([...cur.tags, ...meta.tags]),
        pinned: cur.pinned || meta.pinned,
      };
      if (merged.note !== cur.note || merged.pinned !== cur.pinned || merged.tags.length !== cur.tags.length) {
        mem.setMeta(meta.hostPortId, merged);
        metaChanged = true;
      }
    }
    if (metaChanged) saveMeta(state);
    maybeCompact(state);
  } catch (err) {
    throw asStorageFailure(err, 'Could not import the history');
  }
  return { added: fresh.length, skipped };
}
