// The history store: snapshots in their own conf files, a compact index kept in memory and persisted as a conf
// store plus an fsync'd append-only journal, and search text that loads after the first page is on screen.
import { existsSync, mkdirSync, mkdtempSync, promises as fsp, readdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { HistoryQuery } from '../../shared/contract';
import type { CompareView, ExportView, HistoryPageView, ImportReportView, SnapshotMetaView, SnapshotView } from '../../shared/views';
import { PortolanFailure, fail } from '../failure';
import { systemClock, type Clock, type KvStore } from '../ports';
import { compareSnapshots } from './compare';
import { csvRows } from './export-csv';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportFile, snapshotSchema } from './export-format';
import { parseImport } from './import-check';
import { Journal, readJournal, type JournalReadResult, type JournalRecord } from './journal';
import { DIR_MODE, fileStamp, isDamage, kvPath, moveAside, openKv, ownerOnly, peekKv } from './kv-files';
import { INDEX_NAME, JOURNAL_FILE, META_NAME, SCHEMA_VERSION, SEARCH_NAME, TRASH_DIR, V1_NAME } from './layout';
import { EMPTY_META, MemoryIndex, type HostPortMeta, type ListFilter } from './memory-index';
import { parseListQuery } from './query';
import { decodeRec, encodeRec, metaView, newSnapshotId, recFromSnapshot, searchTerms, type SnapRec } from './records';
import { SnapshotFiles } from './snapshot-files';
import type { DeleteInput, HistoryMetaInput, HistoryScheduler, HistoryStore, HistoryStoreOptions, LatestRef, SnapshotInput } from './types';
import { isV1File, readV1 } from './v1-format';

const INDEX_FORMAT = 'portolan-history-index';
const SEARCH_FORMAT = 'portolan-history-search';
const META_FORMAT = 'portolan-history-meta';
/** Deleted snapshots stay restorable this long, and only the most recent deletions. */
const UNDO_TTL_MS = 30 * 60 * 1000;
const UNDO_KEEP = 20;

interface UndoEntry {
  recs: SnapRec[];
  terms: Map<string, string[]>;
  meta: { hostPortId: string; meta: HostPortMeta } | null;
  at: number;
}

/** Timers that never keep the process alive. */
const timerScheduler: HistoryScheduler = {
  schedule(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

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
  readonly notices: string[] = [];
  readonly mode: HistoryStore['mode'];
  private readonly mem = new MemoryIndex();
  private readonly clock: Clock;
  private readonly files: SnapshotFiles;
  private readonly journalMax: number;
  private generation = 0;
  private journal!: Journal;
  private indexKv!: KvStore;
  private metaKv!: KvStore;
  private searchLoaded = false;
  private readonly undos = new Map<string, UndoEntry>();
  private readonly timers = new Set<() => void>();
  private readonly scheduler: HistoryScheduler;
  private readonly background = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly opts: HistoryStoreOptions,
    mode: 'normal' | 'sessionOnly' = 'normal',
  ) {
    this.clock = opts.clock ?? systemClock;
    this.scheduler = opts.scheduler ?? timerScheduler;
    // A history written by a newer Portolan is only read: its files are checked before anything is touched.
    this.mode = mode === 'normal' && newerSchema(opts.dir) !== null ? 'readOnly' : mode;
    this.files = new SnapshotFiles(opts.dir, opts.kv, this.clock, this.mode === 'readOnly');
    this.journalMax = opts.tuning?.journalMaxRecords ?? 2000;
  }

  /** Releases what a failed open() left open. */
  abandon(): void {
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    this.closed = true;
    try {
      this.journal?.close();
    } catch {
      // Nothing more to release.
    }
  }

  // ---------- open ----------

  open(): void {
    if (this.mode === 'readOnly') return this.openReadOnly();
    const dir = this.opts.dir;
    this.ensureRoot();

    const meta = openKv(this.opts.kv, dir, META_NAME, this.clock, (d) => d.format === META_FORMAT && typeof d.hostPorts === 'object');
    this.metaKv = meta.kv;
    if (meta.movedTo) this.notice(`The notes, tags and pins file was damaged or unreadable; it was kept as ${meta.movedTo} and a new one was started.`);
    this.loadMeta(meta.data);

    const index = openKv(this.opts.kv, dir, INDEX_NAME, this.clock, (d) => d.format === INDEX_FORMAT);
    this.indexKv = index.kv;
    const read = this.openJournal();
    // The snapshot files are the truth; the index and the journal only list them. Any doubt about either (damaged,
    // missing, emptied) means listing the files themselves, which loses nothing.
    const why: string[] = [];
    if (read.replaced) why.push(`The history journal was damaged or unreadable; it was kept as ${read.replaced} and the list was rebuilt from the saved snapshots.`);
    if (index.movedTo) why.push(`The history index was damaged or unreadable; it was kept as ${index.movedTo} and rebuilt from the saved snapshots.`);
    else if (Object.keys(index.data).length > 0) {
      const loaded = this.loadIndex(index.data);
      if (loaded === 'invalid') {
        const moved = moveAside(kvPath(dir, INDEX_NAME), this.clock);
        this.indexKv = this.opts.kv({ name: INDEX_NAME, cwd: dir, clearInvalidConfig: false });
        why.push(`The history index was damaged; it was kept as ${moved} and rebuilt from the saved snapshots.`);
      } else if (loaded > 0) {
        // Kept as it was: the rebuild below writes a new index over it.
        const moved = moveAside(kvPath(dir, INDEX_NAME), this.clock);
        this.indexKv = this.opts.kv({ name: INDEX_NAME, cwd: dir, clearInvalidConfig: false });
        why.push(`${loaded} unreadable index record(s) were found; the index was kept as ${moved} and rebuilt from the saved snapshots.`);
      }
    } else if (read.records.some((r) => r.g !== 0)) {
      // Journal lines of a later generation mean an index was written once: it is gone.
      why.push('The history index was missing; it was rebuilt from the saved snapshots.');
    }
    if (why.length === 0 && read.damagedLines > 0) why.push('The history list was rebuilt from the saved snapshots.');
    if (why.length === 0 && read.records.length === 0 && this.hasSnapshotFiles()) {
      why.push(`The history journal was ${read.existed ? 'empty' : 'missing'}; the list was rebuilt from the saved snapshots.`);
    }
    const rebuild = why.length > 0 ? why.join(' ') : null;

    if (rebuild) {
      for (const id of [...this.mem.snaps.keys()]) this.mem.remove(id);
      this.rebuildFromFiles();
    }
    const doomed = new Map<string, string>();
    for (const rec of read.records) this.replay(rec, rebuild !== null, doomed);
    if (read.copiedTo) {
      this.notice(`${read.damagedLines} damaged line(s) in the history journal were skipped; a copy of the journal was kept as ${read.copiedTo}.`);
    }
    if (rebuild) this.notice(rebuild);
    const cleanExit = read.records.length > 0 && read.records[read.records.length - 1]!.t === 'close';

    // Deletions the journal records but whose files were not yet moved when the last session stopped: move them
    // now, so they can never come back as orphans. (Their undo ended with that session.)
    for (const [id, hostPortId] of doomed) if (!this.mem.snaps.has(id)) this.files.toTrash(id, hostPortId);

    let needsCompaction = rebuild !== null;
    if (existsSync(kvPath(dir, V1_NAME))) {
      this.migrateV1();
      needsCompaction = false; // migration compacts
    }
    if (needsCompaction) this.compact();

    // Deletions that can no longer be undone (the undo tokens died with the last session). Renamed now, removed
    // later: this session's own deletions must land in a fresh trash folder the background removal cannot touch.
    const oldTrash = join(dir, TRASH_DIR);
    if (existsSync(oldTrash)) {
      const purge = join(dir, `${TRASH_DIR}-purge-${fileStamp(this.clock)}-${randomBytes(3).toString('hex')}`);
      renameSync(oldTrash, purge);
    }
    for (const leftover of readdirSync(dir).filter((f) => f.startsWith(`${TRASH_DIR}-purge-`))) {
      this.later(0, () => fsp.rm(join(dir, leftover), { recursive: true, force: true }));
    }
    // After an abrupt exit a snapshot file may exist whose journal line never made it. The Graph answer in it was
    // real, so it is added back to the list, never deleted.
    if (!cleanExit) this.later(this.opts.tuning?.sweepDelayMs ?? 2000, () => this.adoptOrphans());
    const delay = this.opts.tuning?.searchLoadDelayMs ?? 0;
    if (delay >= 0) this.later(delay, async () => this.loadSearch());
  }

  /** The history folder, owner-only; something else in its place (a file) is kept aside. */
  private ensureRoot(): void {
    const dir = this.opts.dir;
    const st = statSync(dir, { throwIfNoEntry: false });
    if (st && !st.isDirectory()) {
      const kept = moveAside(dir, this.clock, 'not-a-folder');
      this.notice(`Something other than a folder was where the history belongs; it was kept as ${kept} and a new history was started.`);
    }
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    ownerOnly(dir);
  }

  /** Opens the journal; one that cannot be read (a folder, no permission) is kept aside and a new one started. */
  private openJournal(): JournalReadResult & { replaced: string | null; copiedTo: string | null } {
    const path = join(this.opts.dir, JOURNAL_FILE);
    const aside = () => join(this.opts.dir, `history-journal.corrupt-${fileStamp(this.clock)}-${randomBytes(3).toString('hex')}.ndjson`);
    try {
      const { journal, read } = Journal.open(path, aside);
      this.journal = journal;
      return { ...read, replaced: null };
    } catch (err) {
      if (!isDamage(err)) throw err;
      const replaced = moveAside(path, this.clock);
      const { journal, read } = Journal.open(path, aside);
      this.journal = journal;
      return { ...read, replaced };
    }
  }

  private hasSnapshotFiles(): boolean {
    return !this.files.scan().next().done;
  }

  private loadMeta(data: Record<string, unknown>): void {
    for (const [id, m] of Object.entries((data.hostPorts ?? {}) as Record<string, unknown>)) {
      const clean = cleanMeta(m);
      if (clean) this.mem.setMeta(id, clean);
    }
  }

  /**
   * A history written by a newer Portolan: shown as far as it can be read, changed never. Not one byte on disk is
   * written, moved or created, so the newer version finds it exactly as it left it.
   */
  private openReadOnly(): void {
    const dir = this.opts.dir;
    const version = newerSchema(dir);
    this.notice(
      `The saved history was written by a newer version of Portolan (schema ${version}). It is shown read-only and nothing in it is changed; ` +
        'new lookups are not saved until Portolan is updated.',
    );
    this.loadMeta(peekKv(dir, META_NAME) ?? {});
    const index = peekKv(dir, INDEX_NAME);
    let read: JournalReadResult;
    try {
      read = readJournal(join(dir, JOURNAL_FILE)).read;
    } catch {
      read = { records: [], damagedLines: 1, tornTail: false, existed: true };
    }
    const usable = index !== null && read.damagedLines === 0 && this.loadIndex(index) === 0;
    if (!usable) {
      for (const id of [...this.mem.snaps.keys()]) this.mem.remove(id);
      this.rebuildFromFiles();
    }
    for (const rec of read.records) this.replay(rec, !usable, new Map());
  }

  /** Loads the index; returns 'invalid' for a file of the wrong shape, else how many records were unreadable. */
  private loadIndex(data: Record<string, unknown>): 'invalid' | number {
    if (typeof data.generation !== 'number' || typeof data.records !== 'string') return 'invalid';
    let tuples: unknown;
    try {
      tuples = JSON.parse(data.records);
    } catch {
      return 'invalid';
    }
    if (!Array.isArray(tuples)) return 'invalid';
    let bad = 0;
    for (const t of tuples) {
      const rec = decodeRec(t);
      if (rec) this.mem.add(rec);
      else bad++;
    }
    this.generation = data.generation;
    return bad;
  }

  /** Applies one journal line; ids it deletes are collected in `doomed` (id → hostPort id) for their files. */
  private replay(rec: JournalRecord, rebuilding: boolean, doomed: Map<string, string>): void {
    // A rebuilt index came from the files themselves, so every journal line is replayed against them.
    if (!rebuilding && rec.g !== this.generation) return;
    const drop = (id: string) => {
      const r = this.mem.snaps.get(id);
      if (!r) return;
      doomed.set(id, r.hostPortId);
      this.mem.remove(id);
    };
    if (rec.t === 'add') {
      const r = decodeRec(rec.r);
      if (!r) return;
      if (rebuilding && !existsSync(this.files.pathOf(r.id, r.hostPortId))) return;
      this.mem.add(r, rec.s);
    } else if (rec.t === 'del') {
      for (const id of rec.ids) drop(id);
    } else if (rec.t === 'clear') {
      for (const id of [...this.mem.snaps.keys()]) drop(id);
    }
  }

  private rebuildFromFiles(): void {
    let damaged = 0;
    for (const { dir, id } of this.files.scan()) {
      const got = this.files.readAt(dir, id);
      if (got.ok) this.mem.add(recFromSnapshot(got.snapshot), searchTerms(got.snapshot));
      else if (got.reason === 'damaged' || got.reason === 'unreadable') damaged++;
    }
    if (damaged > 0) {
      this.notice(
        this.mode === 'readOnly'
          ? `${damaged} snapshot file(s) could not be read and are not shown.`
          : `${damaged} damaged snapshot file(s) were moved aside (renamed with ".corrupt-") while rebuilding the index.`,
      );
    }
    this.searchLoaded = true;
  }

  private migrateV1(): void {
    const dir = this.opts.dir;
    const v1 = openKv(this.opts.kv, dir, V1_NAME, this.clock, isV1File);
    if (v1.movedTo) {
      this.notice(`The history file from an earlier version was damaged; it was kept as ${v1.movedTo} and not migrated.`);
      return;
    }
    const { snapshots, meta, skipped } = readV1(v1.data);
    this.loadSearch();
    for (const s of snapshots) {
      if (this.mem.snaps.has(s.id)) continue;
      this.files.write(s);
      this.mem.add(recFromSnapshot(s), searchTerms(s));
    }
    for (const [id, m] of Object.entries(meta)) {
      const clean = cleanMeta(m);
      if (clean && this.mem.meta.get(id) === undefined) this.mem.setMeta(id, clean);
    }
    this.saveMeta();
    this.compact();
    const kept = moveAside(kvPath(dir, V1_NAME), this.clock, 'v1-migrated');
    this.notice(
      `Your history was upgraded to the new storage format (${snapshots.length} snapshot(s)${skipped ? `, ${skipped} unreadable entr${skipped === 1 ? 'y' : 'ies'} skipped` : ''}). The old file was kept as ${kept}.`,
    );
  }

  /** Loads the search text saved at the last compaction; anything newer came from the journal already. */
  private loadSearch(): void {
    if (this.searchLoaded) return;
    this.searchLoaded = true;
    const isSearch = (d: Record<string, unknown>) => d.format === SEARCH_FORMAT && typeof d.data === 'string';
    const opened =
      this.mode === 'readOnly'
        ? { data: peekKv(this.opts.dir, SEARCH_NAME) ?? {}, movedTo: null }
        : openKv(this.opts.kv, this.opts.dir, SEARCH_NAME, this.clock, isSearch);
    if (opened.movedTo) this.notice(`The search text file was damaged or unreadable; it was kept as ${opened.movedTo} and rebuilt from the saved snapshots.`);
    if (typeof opened.data.data === 'string') {
      try {
        const { strings, refs } = JSON.parse(opened.data.data) as { strings: string[]; refs: [string, ...number[]][] };
        for (const [id, ...idx] of refs) {
          if (this.mem.snaps.has(id) && !this.mem.terms.has(id)) this.mem.setTerms(id, idx.map((i) => strings[i] ?? ''));
        }
      } catch {
        // Derived data: whatever is missing is recomputed from the snapshot files below.
      }
    }
    for (const rec of this.mem.snaps.values()) {
      if (this.mem.terms.has(rec.id)) continue;
      const got = this.files.read(rec.id, rec.hostPortId);
      this.mem.setTerms(rec.id, got.ok ? searchTerms(got.snapshot) : []);
    }
  }

  // ---------- writes ----------

  async save(input: SnapshotInput): Promise<SnapshotMetaView> {
    this.assertWritable();
    const savedAt = input.savedAt ?? new Date(this.clock.now()).toISOString();
    const ms = Date.parse(savedAt);
    if (Number.isNaN(ms)) throw fail('invalidInput', 'The snapshot time is not a valid date.');
    const snapshot: SnapshotView = {
      id: newSnapshotId(ms),
      hostPortId: input.hostPortId,
      host: input.host,
      port: input.port,
      savedAt,
      cloud: input.cloud,
      tenant: input.tenant,
      account: input.account,
      source: input.source,
      request: input.request,
      raw: input.raw,
      hostPort: input.hostPort,
    };
    const checked = snapshotSchema.safeParse(snapshot);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw fail('invalidInput', `The snapshot is incomplete (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`);
    }
    const rec = recFromSnapshot(snapshot);
    const terms = searchTerms(snapshot);
    try {
      this.files.write(snapshot);
      this.mem.add(rec, terms);
      const dropped = this.retentionVictims(rec.hostPortId);
      const lines: JournalRecord[] = [{ g: this.generation, t: 'add', r: encodeRec(rec), s: terms }];
      if (dropped.length > 0) lines.push({ g: this.generation, t: 'del', ids: dropped.map((r) => r.id) });
      try {
        this.journal.append(lines);
      } catch (err) {
        this.mem.remove(rec.id);
        this.files.remove(rec.id, rec.hostPortId);
        throw err;
      }
      for (const r of dropped) {
        this.mem.remove(r.id);
        this.files.remove(r.id, r.hostPortId);
      }
      this.maybeCompact();
    } catch (err) {
      throw asStorageFailure(err, 'Could not save the snapshot');
    }
    return metaView(rec);
  }

  private retentionVictims(hostPortId: string): SnapRec[] {
    const policy = this.opts.retention?.();
    if (!policy) return [];
    const victims = new Set<SnapRec>();
    const hp = this.mem.hostPorts.get(hostPortId);
    if (policy.perHostPort !== null && policy.perHostPort >= 1 && hp && hp.snaps.length > policy.perHostPort) {
      for (const r of hp.snaps.slice(policy.perHostPort)) victims.add(r);
    }
    if (policy.days !== null && policy.days > 0) {
      const cutoff = this.clock.now() - policy.days * 86_400_000;
      if (this.mem.oldestMs() < cutoff) for (const r of this.mem.snaps.values()) if (r.ms < cutoff) victims.add(r);
    }
    return [...victims];
  }

  async setMeta(patch: HistoryMetaInput): Promise<void> {
    this.assertWritable();
    if (!this.mem.hostPorts.has(patch.hostPortId)) throw fail('notFound', 'That host port has no saved history.');
    const current = this.mem.getMeta(patch.hostPortId);
    const next: HostPortMeta = {
      note: patch.note ?? current.note,
      tags: patch.tags ? normaliseTags(patch.tags) : current.tags,
      pinned: patch.pinned ?? current.pinned,
    };
    this.mem.setMeta(patch.hostPortId, next);
    try {
      this.saveMeta();
    } catch (err) {
      this.mem.setMeta(patch.hostPortId, current);
      throw asStorageFailure(err, 'Could not save the note and tags');
    }
  }

  private saveMeta(): void {
    this.metaKv.set({ format: META_FORMAT, schemaVersion: SCHEMA_VERSION, hostPorts: Object.fromEntries(this.mem.meta) });
  }

  async delete(request: DeleteInput): Promise<{ undoToken: string; removed: number }> {
    this.assertWritable();
    let recs: SnapRec[];
    let metaBackup: UndoEntry['meta'] = null;
    if ((request.snapshotId === undefined) === (request.hostPortId === undefined)) {
      throw fail('invalidInput', 'Name exactly one of snapshotId or hostPortId to delete.');
    }
    if (request.snapshotId !== undefined) {
      const rec = this.mem.snaps.get(request.snapshotId);
      if (!rec) throw fail('notFound', 'That snapshot is not in the history.');
      recs = [rec];
    } else {
      const hp = this.mem.hostPorts.get(request.hostPortId!);
      if (!hp) throw fail('notFound', 'That host port has no saved history.');
      recs = [...hp.snaps];
      metaBackup = { hostPortId: hp.id, meta: this.mem.getMeta(hp.id) };
    }
    try {
      this.journal.append([{ g: this.generation, t: 'del', ids: recs.map((r) => r.id) }]);
      const terms = new Map<string, string[]>();
      for (const r of recs) {
        const t = this.mem.terms.get(r.id);
        if (t) terms.set(r.id, t);
        this.mem.remove(r.id);
        this.files.toTrash(r.id, r.hostPortId);
      }
      if (metaBackup && metaBackup.meta !== EMPTY_META) {
        this.mem.setMeta(metaBackup.hostPortId, EMPTY_META);
        this.saveMeta();
      }
      const token = `u-${randomBytes(12).toString('base64url')}`;
      this.undos.set(token, { recs, terms, meta: metaBackup, at: this.clock.now() });
      this.expireUndos();
      this.maybeCompact();
      return { undoToken: token, removed: recs.length };
    } catch (err) {
      throw asStorageFailure(err, 'Could not delete from the history');
    }
  }

  async undo(undoToken: string): Promise<{ restored: number }> {
    this.assertWritable();
    this.expireUndos();
    const entry = this.undos.get(undoToken);
    if (!entry) throw fail('notFound', 'There is nothing to undo any more (undo is possible for 30 minutes after a deletion).');
    this.undos.delete(undoToken);
    try {
      const back = entry.recs.filter((r) => this.files.fromTrash(r.id, r.hostPortId));
      // Journal records carry the search text so the restore survives a later compaction and restart.
      const termsOf = (r: SnapRec): string[] => {
        const known = entry.terms.get(r.id);
        if (known) return known;
        const got = this.files.read(r.id, r.hostPortId);
        return got.ok ? searchTerms(got.snapshot) : [];
      };
      const lines = back.map((r) => ({ g: this.generation, t: 'add' as const, r: encodeRec(r), s: termsOf(r) }));
      this.journal.append(lines);
      back.forEach((r, i) => this.mem.add(r, lines[i]!.s));
      if (entry.meta && this.mem.meta.get(entry.meta.hostPortId) === undefined) {
        this.mem.setMeta(entry.meta.hostPortId, entry.meta.meta);
        this.saveMeta();
      }
      this.maybeCompact();
      return { restored: back.length };
    } catch (err) {
      throw asStorageFailure(err, 'Could not undo the deletion');
    }
  }

  private expireUndos(): void {
    const now = this.clock.now();
    const tokens = [...this.undos.keys()];
    tokens.forEach((token, i) => {
      const entry = this.undos.get(token)!;
      if (now - entry.at > UNDO_TTL_MS || i < tokens.length - UNDO_KEEP) {
        this.undos.delete(token);
        for (const r of entry.recs) this.files.dropFromTrash(r.id);
      }
    });
  }

  async clear(): Promise<{ removed: number }> {
    this.assertWritable();
    const removed = this.mem.snaps.size;
    try {
      // The journal line is the record of the user's decision: a crash after it can only finish the clear at the next
      // open, never bring a cleared snapshot back. Then the files go (one rename), then the empty index is written.
      this.journal.append([{ g: this.generation, t: 'clear' }]);
      const detached = this.files.detachAll();
      this.mem.clear();
      this.undos.clear();
      this.searchLoaded = true;
      this.compact();
      this.saveMeta();
      if (detached) this.track(fsp.rm(detached, { recursive: true, force: true }));
    } catch (err) {
      throw asStorageFailure(err, 'Could not clear the history');
    }
    return { removed };
  }

  private maybeCompact(): void {
    if (this.journal.records >= this.journalMax) this.compact();
  }

  /**
   * Folds the journal into a new index generation. Order matters for crash safety: search text, then the index
   * (the commit point: journal lines of the old generation are ignored from then on), then the journal is emptied.
   */
  private compact(): void {
    this.loadSearch();
    const gen = this.generation + 1;
    const pool = new Map<string, number>();
    const strings: string[] = [];
    const refs: (string | number)[][] = [];
    const tuples = [];
    for (const rec of this.mem.snaps.values()) {
      tuples.push(encodeRec(rec));
      const ref: (string | number)[] = [rec.id];
      for (const t of this.mem.terms.get(rec.id) ?? []) {
        let i = pool.get(t);
        if (i === undefined) {
          i = strings.length;
          strings.push(t);
          pool.set(t, i);
        }
        ref.push(i);
      }
      refs.push(ref);
    }
    // Stored as JSON text inside the conf value: conf pretty-prints with tabs, which would put every tuple field on
    // its own line and triple the file; a string stays one line and parses in one pass.
    this.opts.kv({ name: SEARCH_NAME, cwd: this.opts.dir, clearInvalidConfig: false }).set({
      format: SEARCH_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      generation: gen,
      data: JSON.stringify({ strings, refs }),
    });
    this.indexKv.set({ format: INDEX_FORMAT, schemaVersion: SCHEMA_VERSION, generation: gen, records: JSON.stringify(tuples) });
    this.generation = gen;
    this.journal.reset();
  }

  // ---------- reads ----------

  async list(query: HistoryQuery = {}): Promise<HistoryPageView> {
    this.assertOpen();
    const q = parseListQuery(query);
    if (q.filter.terms.length > 0) this.loadSearch();
    return this.mem.list(q.filter as ListFilter, q.offset, q.limit);
  }

  async snapshots(hostPortId: string): Promise<SnapshotMetaView[]> {
    this.assertOpen();
    return (this.mem.hostPorts.get(hostPortId)?.snaps ?? []).map(metaView);
  }

  async get(snapshotId: string): Promise<SnapshotView> {
    this.assertOpen();
    const rec = this.mem.snaps.get(snapshotId);
    if (!rec) throw fail('notFound', 'That snapshot is not in the history.');
    return this.readRec(rec);
  }

  private readRec(rec: SnapRec): SnapshotView {
    const got = this.files.read(rec.id, rec.hostPortId);
    if (got.ok) return got.snapshot;
    if (this.mode === 'readOnly') throw fail('storage', 'This saved snapshot could not be read (the history is open read-only, so it was left as it is).');
    // The index points at a file that is gone or damaged: drop the entry so the list stops offering it.
    try {
      this.journal.append([{ g: this.generation, t: 'del', ids: [rec.id] }]);
    } catch {
      // Still dropped from memory; the next open finds the file missing again.
    }
    this.mem.remove(rec.id);
    if (got.reason === 'damaged') {
      this.notice(`A saved snapshot file was damaged; it was kept as ${got.movedTo} and removed from the list.`);
      throw fail('storage', `This saved snapshot was damaged. The file was kept as ${got.movedTo}.`);
    }
    this.notice(`A saved snapshot file (${rec.id}) was missing and was removed from the list.`);
    throw fail('storage', 'This saved snapshot file is missing from disk.');
  }

  async latestFor(ref: LatestRef): Promise<SnapshotView | null> {
    this.assertOpen();
    let candidates: SnapRec[] = [];
    if ('hostPortId' in ref) candidates = this.mem.hostPorts.get(ref.hostPortId)?.snaps ?? [];
    else {
      const host = ref.host.trim().toLowerCase();
      for (const hp of this.mem.hostPorts.values()) {
        for (const s of hp.snaps) if (s.port === ref.port && (s.host ?? '').toLowerCase() === host) candidates.push(s);
      }
      candidates.sort((a, b) => b.ms - a.ms);
    }
    for (const rec of candidates) {
      try {
        return this.readRec(rec);
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

  private *selected(hostPortIds?: string[]): Generator<{ meta: ExportFile['hostPorts'][number]['meta']; snapshots: SnapshotView[] }> {
    const wanted = hostPortIds ? new Set(hostPortIds) : null;
    for (const hp of [...this.mem.ordered()]) {
      if (wanted && !wanted.has(hp.id)) continue;
      const snapshots: SnapshotView[] = [];
      for (const rec of hp.snaps) {
        try {
          snapshots.push(this.readRec(rec));
        } catch (err) {
          if (!(err instanceof PortolanFailure)) throw err;
        }
      }
      const m = this.mem.getMeta(hp.id);
      yield { meta: { hostPortId: hp.id, note: m.note, tags: [...m.tags], pinned: m.pinned }, snapshots };
    }
  }

  async exportJson(hostPortIds?: string[]): Promise<ExportView> {
    this.assertOpen();
    const file: ExportFile = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: this.isoNow(), hostPorts: [...this.selected(hostPortIds)] };
    return { filename: `portolan-history-${this.isoNow().slice(0, 10)}.json`, mime: 'application/json', content: JSON.stringify(file, null, 1) };
  }

  async exportCsv(hostPortIds?: string[]): Promise<ExportView> {
    this.assertOpen();
    const all = [...this.selected(hostPortIds)].flatMap((e) => e.snapshots);
    return { filename: `portolan-history-${this.isoNow().slice(0, 10)}.csv`, mime: 'text/csv', content: csvRows(all) };
  }

  async import(content: string): Promise<ImportReportView> {
    this.assertWritable();
    const file = parseImport(content); // throws before anything is written
    this.loadSearch();
    const fresh: SnapshotView[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (const entry of file.hostPorts) {
      for (const s of entry.snapshots) {
        const rec = recFromSnapshot(s);
        if (this.mem.snaps.has(s.id) || this.mem.hasHash(rec.hash) || seen.has(s.id) || seen.has(rec.hash)) {
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
        this.files.write(s);
        const rec = recFromSnapshot(s);
        const terms = searchTerms(s);
        lines.push({ g: this.generation, t: 'add', r: encodeRec(rec), s: terms });
      }
      // One fsync for the whole batch; the files are durable already, the journal makes them visible.
      this.journal.append(lines);
      for (const line of lines) if (line.t === 'add') this.mem.add(decodeRec(line.r)!, line.s);
      let metaChanged = false;
      for (const { meta } of file.hostPorts) {
        if (!this.mem.hostPorts.has(meta.hostPortId)) continue;
        const cur = this.mem.getMeta(meta.hostPortId);
        const merged: HostPortMeta = {
          note: cur.note || meta.note,
          tags: normaliseTags([...cur.tags, ...meta.tags]),
          pinned: cur.pinned || meta.pinned,
        };
        if (merged.note !== cur.note || merged.pinned !== cur.pinned || merged.tags.length !== cur.tags.length) {
          this.mem.setMeta(meta.hostPortId, merged);
          metaChanged = true;
        }
      }
      if (metaChanged) this.saveMeta();
      this.maybeCompact();
    } catch (err) {
      throw asStorageFailure(err, 'Could not import the history');
    }
    return { added: fresh.length, skipped };
  }

  async searchReady(): Promise<void> {
    this.assertOpen();
    this.loadSearch();
  }

  stats(): { snapshots: number; hostPorts: number } {
    return { snapshots: this.mem.snaps.size, hostPorts: this.mem.hostPorts.size };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    await Promise.allSettled([...this.background]);
    this.closed = true;
    if (this.mode === 'readOnly') return;
    for (const entry of this.undos.values()) for (const r of entry.recs) this.files.dropFromTrash(r.id);
    this.undos.clear();
    try {
      this.journal.append([{ g: this.generation, t: 'close' }]);
    } finally {
      this.journal.close();
      if (this.mode === 'sessionOnly') await fsp.rm(this.opts.dir, { recursive: true, force: true });
    }
  }

  // ---------- housekeeping ----------

  /**
   * Snapshot files on disk that the list does not know: a save whose file was written but whose journal line was
   * not. Deleted snapshots are never among them (their files moved to the trash when the deletion was recorded, or
   * at the next open), so every such file is a real Graph answer and goes back into the list.
   */
  private adoptOrphans(): void {
    const lines: JournalRecord[] = [];
    const adopted: { rec: SnapRec; terms: string[] }[] = [];
    for (const { dir, id } of this.files.scan()) {
      if (this.closed) return;
      if (this.mem.snaps.has(id) || [...this.undos.values()].some((u) => u.recs.some((r) => r.id === id))) continue;
      const got = this.files.readAt(dir, id);
      if (!got.ok || this.files.pathOf(id, got.snapshot.hostPortId) !== kvPath(dir, id)) continue;
      const rec = recFromSnapshot(got.snapshot);
      const terms = searchTerms(got.snapshot);
      adopted.push({ rec, terms });
      lines.push({ g: this.generation, t: 'add', r: encodeRec(rec), s: terms });
    }
    if (adopted.length === 0) return;
    this.journal.append(lines);
    for (const { rec, terms } of adopted) this.mem.add(rec, terms);
    this.notice(`${adopted.length} saved snapshot(s) that were missing from the history list (the last session stopped abruptly) were added back.`);
    this.maybeCompact();
  }

  private later(ms: number, task: () => unknown): void {
    const cancel = this.scheduler.schedule(ms, () => {
      this.timers.delete(cancel);
      if (this.closed) return;
      try {
        const result = task();
        if (result instanceof Promise) this.track(result);
      } catch (err) {
        this.notice(`A background history task failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    this.timers.add(cancel);
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch(() => undefined).finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  private notice(text: string): void {
    this.notices.push(text);
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private assertOpen(): void {
    if (this.closed) throw fail('internal', 'The history store was closed.');
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.mode === 'readOnly') {
      throw fail(
        'storage',
        'The saved history was written by a newer version of Portolan and is open read-only: nothing can be saved, changed or deleted until Portolan is updated.',
      );
    }
  }
}

/** The schema version a newer Portolan wrote into the index, search or notes file, or null when none is newer. */
function newerSchema(dir: string): number | null {
  for (const name of [INDEX_NAME, SEARCH_NAME, META_NAME]) {
    const v = peekKv(dir, name)?.schemaVersion;
    if (typeof v === 'number' && v > SCHEMA_VERSION) return v;
  }
  return null;
}

function cleanMeta(m: unknown): HostPortMeta | null {
  if (typeof m !== 'object' || m === null) return null;
  const o = m as Record<string, unknown>;
  return {
    note: typeof o.note === 'string' ? o.note : '',
    tags: Array.isArray(o.tags) ? normaliseTags(o.tags.filter((t): t is string => typeof t === 'string')) : [],
    pinned: o.pinned === true,
  };
}

/** Trimmed, without empties, and without case-insensitive duplicates (the first spelling wins). */
function normaliseTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}

function asStorageFailure(err: unknown, what: string): PortolanFailure {
  if (err instanceof PortolanFailure) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  const hint = code === 'ENOSPC' ? ' The disk is full.' : code === 'EACCES' || code === 'EPERM' ? ' Portolan is not allowed to write there.' : '';
  return fail('storage', `${what}.${hint}`, { detail: detail.slice(0, 300) });
}
