// The history store: snapshots in their own conf files, a compact index kept in memory and persisted as a conf
// store plus an fsync'd append-only journal, and search text that loads after the first page is on screen.
// This file is the facade; open.ts recovers and rebuilds, compaction.ts folds the journal, search-text.ts,
// undo-ledger.ts, export-stream.ts and import-stream.ts (export, import) and housekeeping.ts (deferred work) hold the rest.
import { mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { HistoryQuery, HistorySelection } from '../../../src-shared/contract';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import { hostKey } from '../../../src-shared/host-port-input';
import type { CompareView, HistoryPageView, ImportReportView, SnapshotMetaView, SnapshotView } from '../../../src-shared/views';
import { PortolanFailure, fail } from '../failure';
import { attachSection, type AttachOutcome, type ContextAttachInput } from './attach-context';
import { ChangeMarks } from './change-marks';
import { compareSnapshots } from './compare';
import { compact, maybeCompact } from './compaction';
import { listPage, matchingIds, snapshotMetas } from './list-reads';
import { snapshotSchema } from './export-format';
import { Housekeeping } from './housekeeping';
import type { JournalRecord } from './journal';
import type { HostPortMeta } from './memory-index';
import { normaliseTags, saveMeta } from './meta-file';
import { openHistory } from './open';
import { readRec } from './read-snapshot';
import { encodeRec, metaView, newSnapshotId, recFromSnapshot, searchTerms, snapshotFromInput, type SnapRec } from './records';
import { loadSearch } from './search-text';
import { HistoryState } from './state';
import { asStorageFailure } from './storage-failure';
import { writeExport, type ExportFormat, type ExportOutcome } from './export-stream';
import { importStream, type ImportOptions, type ImportSource } from './import-stream';
import type { DeleteInput, HistoryMetaInput, HistoryStore, HistoryStoreOptions, LatestRef, SnapshotInput } from './types';
import { UndoLedger, deleteWithUndo, restore, type UndoEntry } from './undo-ledger';

/**
 * Opens the history. Never throws: damage is moved aside and reported in `notices`; a history written by a newer
 * Portolan opens read-only; a folder that cannot be opened at all leaves it untouched and gives this session a
 * history of its own (removed at close), so lookups and sign-in keep working.
 */
export async function createHistoryStore(options: HistoryStoreOptions): Promise<HistoryStore> {
  const store = new FileHistoryStore(options);
  try {
    store.open();
    return store;
  } catch (err) {
    store.abandon();
    const reason = asStorageFailure(err, 'Could not open the saved history').error;
    const session = new FileHistoryStore({ ...options, dir: mkdtempSync(join(tmpdir(), 'portolan-session-history-')) }, 'sessionOnly');
    session.open();
    session.notices.push(
      ...store.notices,
      `The saved history in ${options.dir} could not be opened (${reason.detail ?? reason.message}). Nothing in it was changed or deleted. ` +
        'Lookups still work, but results from this session are kept only until Portolan closes.',
    );
    return session;
  }
}

class FileHistoryStore implements HistoryStore {
  private readonly state: HistoryState;
  private readonly undos: UndoLedger;
  private readonly housekeeping: Housekeeping;
  private readonly changeMarks = new ChangeMarks();

  constructor(opts: HistoryStoreOptions, mode: 'normal' | 'sessionOnly' = 'normal') {
    this.state = new HistoryState(opts, mode);
    this.undos = new UndoLedger(this.state.clock, this.state.files);
    this.housekeeping = new Housekeeping(this.state);
  }

  get notices(): string[] {
    return this.state.notices;
  }

  get mode(): HistoryStore['mode'] {
    return this.state.mode;
  }

  /** A closed store answers nothing and writes nothing more, background work included. */
  get closed(): boolean {
    return this.state.closed;
  }

  set closed(value: boolean) {
    this.state.closed = value;
  }

  open(): void {
    openHistory(this.state, this.housekeeping, this.undos);
  }

  /** Releases what a failed open() left open. */
  abandon(): void {
    this.housekeeping.cancel();
    this.state.closed = true;
    try {
      this.state.journal?.close();
    } catch {
      // Nothing more to release.
    }
  }

  // ---------- writes ----------

  async save(input: SnapshotInput): Promise<SnapshotMetaView> {
    this.assertWritable();
    const { state } = this;
    const savedAt = input.savedAt ?? state.isoNow();
    const ms = Date.parse(savedAt);
    if (Number.isNaN(ms)) throw fail('invalidInput', 'The snapshot time is not a valid date.');
    const snapshot = snapshotFromInput(input, newSnapshotId(ms), savedAt);
    const checked = snapshotSchema.safeParse(snapshot);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw fail('invalidInput', `The snapshot is incomplete (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`);
    }
    const rec = recFromSnapshot(snapshot);
    const terms = searchTerms(snapshot);
    try {
      const written = state.files.writeDeferred(snapshot);
      state.mem.add(rec, terms);
      const dropped = this.retentionVictims(rec.hostPortId);
      const lines: JournalRecord[] = [{ g: state.generation, t: 'add', r: encodeRec(rec), s: terms }];
      if (dropped.length > 0) lines.push({ g: state.generation, t: 'del', ids: dropped.map((r) => r.id) });
      try {
        // A save that drops older snapshots waits for the disk: their files go only once the deletion is durable.
        if (dropped.length > 0) state.journal.append(lines);
        else state.journal.write(lines);
      } catch (err) {
        state.mem.remove(rec.id);
        state.files.remove(rec.id, rec.hostPortId);
        throw err;
      }
      state.deferred.note(written.file, written.dirs);
      for (const r of dropped) {
        state.mem.remove(r.id);
        state.files.remove(r.id, r.hostPortId);
      }
      maybeCompact(state);
    } catch (err) {
      throw asStorageFailure(err, 'Could not save the snapshot');
    }
    return metaView(rec);
  }

  private retentionVictims(hostPortId: string): SnapRec[] {
    const { mem } = this.state;
    const policy = this.state.opts.retention?.();
    if (!policy) return [];
    const victims = new Set<SnapRec>();
    const hp = mem.hostPorts.get(hostPortId);
    if (policy.perHostPort !== null && policy.perHostPort >= 1 && hp && hp.snaps.length > policy.perHostPort) {
      for (const r of hp.snaps.slice(policy.perHostPort)) victims.add(r);
    }
    if (policy.days !== null && policy.days > 0) {
      const cutoff = this.state.clock.now() - policy.days * 86_400_000;
      if (mem.oldestMs() < cutoff) for (const r of mem.snaps.values()) if (r.ms < cutoff) victims.add(r);
    }
    return [...victims];
  }

  async attachSection(input: ContextAttachInput): Promise<AttachOutcome> {
    this.assertWritable();
    try {
      return attachSection(this.state, input);
    } catch (err) {
      throw asStorageFailure(err, 'Could not save the host section with the snapshot');
    }
  }

  async setMeta(patch: HistoryMetaInput): Promise<void> {
    this.assertWritable();
    const { mem } = this.state;
    if (!mem.hostPorts.has(patch.hostPortId)) throw fail('notFound', 'That host port has no saved history.', { code: ERROR_CODES.HISTORY_HOST_PORT_NOT_FOUND });
    const current = mem.getMeta(patch.hostPortId);
    const next: HostPortMeta = {
      note: patch.note ?? current.note,
      tags: patch.tags ? normaliseTags(patch.tags) : current.tags,
      pinned: patch.pinned ?? current.pinned,
    };
    mem.setMeta(patch.hostPortId, next);
    try {
      saveMeta(this.state);
    } catch (err) {
      mem.setMeta(patch.hostPortId, current);
      throw asStorageFailure(err, 'Could not save the note and tags');
    }
  }

  async delete(request: DeleteInput): Promise<{ undoToken: string; removed: number }> {
    this.assertWritable();
    const { mem } = this.state;
    let recs: SnapRec[];
    let metaBackup: UndoEntry['meta'] = null;
    if ((request.snapshotId === undefined) === (request.hostPortId === undefined)) {
      throw fail('invalidInput', 'Name exactly one of snapshotId or hostPortId to delete.');
    }
    if (request.snapshotId !== undefined) {
      const rec = mem.snaps.get(request.snapshotId);
      if (!rec) throw fail('notFound', 'That snapshot is not in the history.', { code: ERROR_CODES.HISTORY_SNAPSHOT_NOT_FOUND });
      recs = [rec];
    } else {
      const hp = mem.hostPorts.get(request.hostPortId!);
      if (!hp) throw fail('notFound', 'That host port has no saved history.', { code: ERROR_CODES.HISTORY_HOST_PORT_NOT_FOUND });
      recs = [...hp.snaps];
      metaBackup = { hostPortId: hp.id, meta: mem.getMeta(hp.id) };
    }
    try {
      const undoToken = deleteWithUndo(this.state, this.undos, recs, metaBackup);
      return { undoToken, removed: recs.length };
    } catch (err) {
      throw asStorageFailure(err, 'Could not delete from the history');
    }
  }

  async undo(undoToken: string): Promise<{ restored: number }> {
    this.assertWritable();
    const entry = this.undos.take(undoToken);
    if (!entry) throw fail('notFound', 'There is nothing to undo any more (undo is possible for 30 minutes after a deletion).', { code: ERROR_CODES.HISTORY_UNDO_EXPIRED });
    try {
      return { restored: restore(this.state, entry) };
    } catch (err) {
      throw asStorageFailure(err, 'Could not undo the deletion');
    }
  }

  async clear(): Promise<{ removed: number }> {
    this.assertWritable();
    const { state } = this;
    const removed = state.mem.snaps.size;
    try {
      // The journal line is the record of the user's decision: a crash after it can only finish the clear at the next
      // open, never bring a cleared snapshot back. Then the files go (one rename), then the empty index is written.
      state.journal.append([{ g: state.generation, t: 'clear' }]);
      const detached = state.files.detachAll();
      state.mem.clear();
      this.undos.forget();
      state.searchLoaded = true;
      compact(state);
      saveMeta(state);
      if (detached) this.housekeeping.track(fsp.rm(detached, { recursive: true, force: true }));
    } catch (err) {
      throw asStorageFailure(err, 'Could not clear the history');
    }
    return { removed };
  }

  /** Reads an export as a stream (NDJSON or an older JSON export), record by record. */
  async importFrom(open: ImportSource, options: ImportOptions = {}): Promise<ImportReportView> {
    this.assertWritable();
    return importStream(this.state, open, options);
  }

  // ---------- reads ----------

  async list(query: HistoryQuery = {}): Promise<HistoryPageView> {
    this.assertOpen();
    return listPage(this.state, query);
  }

  /** Every host port id the list shows for this search and these filters, in the list's order (all pages). */
  async matchingIds(selection: HistorySelection = {}): Promise<string[]> {
    this.assertOpen();
    return matchingIds(this.state, selection);
  }

  async snapshots(hostPortId: string): Promise<SnapshotMetaView[]> {
    this.assertOpen();
    return snapshotMetas(this.state, this.changeMarks, hostPortId);
  }

  async get(snapshotId: string): Promise<SnapshotView> {
    this.assertOpen();
    const rec = this.state.mem.snaps.get(snapshotId);
    if (!rec) throw fail('notFound', 'That snapshot is not in the history.', { code: ERROR_CODES.HISTORY_SNAPSHOT_NOT_FOUND });
    return readRec(this.state, rec);
  }

  async latestFor(ref: LatestRef): Promise<SnapshotView | null> {
    this.assertOpen();
    const { mem } = this.state;
    let candidates: SnapRec[] = [];
    if ('hostPortId' in ref) candidates = mem.hostPorts.get(ref.hostPortId)?.snaps ?? [];
    else {
      // Both sides through the lookup form's reading, so any spelling of a host finds what was saved under another.
      const host = hostKey(ref.host);
      const keys = new Map<string, string>();
      const keyOf = (saved: string): string => {
        let key = keys.get(saved);
        if (key === undefined) keys.set(saved, (key = hostKey(saved)));
        return key;
      };
      for (const hp of mem.hostPorts.values()) {
        for (const s of hp.snaps) if (s.port === ref.port && s.host && keyOf(s.host) === host) candidates.push(s);
      }
      candidates.sort((a, b) => b.ms - a.ms);
    }
    for (const rec of candidates) {
      try {
        return readRec(this.state, rec);
      } catch (err) {
        if (!(err instanceof PortolanFailure)) throw err;
        // Damaged or missing: fall back to the next newest.
      }
    }
    return null;
  }

  async compare(beforeId: string, afterId: string): Promise<CompareView> {
    const before = await this.get(beforeId);
    const after = await this.get(afterId);
    return compareSnapshots(before, after);
  }

  /** Writes an export to `out` snapshot by snapshot; the caller ends `out`. */
  async exportTo(out: Writable, format: ExportFormat, hostPortIds?: string[]): Promise<ExportOutcome> {
    this.assertOpen();
    return writeExport(this.state, out, format, hostPortIds);
  }

  async searchReady(): Promise<void> {
    this.assertOpen();
    loadSearch(this.state);
  }

  stats(): { snapshots: number; hostPorts: number } {
    return { snapshots: this.state.mem.snaps.size, hostPorts: this.state.mem.hostPorts.size };
  }

  async close(): Promise<void> {
    const { state } = this;
    if (state.closed) return;
    this.housekeeping.cancel();
    await this.housekeeping.settle();
    await state.deferred.settle();
    await state.files.closeWriter();
    state.closed = true;
    if (state.mode === 'readOnly') return;
    this.undos.discardAll();
    try {
      // A compaction asked for but not yet run is done now, so the next open reads a short journal.
      if (this.housekeeping.compactionOwed) compact(state);
      state.journal.append([{ g: state.generation, t: 'close' }]);
    } finally {
      state.journal.close();
      if (state.mode === 'sessionOnly') await fsp.rm(state.dir, { recursive: true, force: true });
    }
  }

  private assertOpen(): void {
    if (this.state.closed) throw fail('internal', 'The history store was closed.');
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.state.mode === 'readOnly') {
      throw fail(
        'storage',
        'The saved history was written by a newer version of Portolan and is open read-only: nothing can be saved, changed or deleted until Portolan is updated.',
      );
    }
  }
}
