// One file per snapshot. A snapshot is written once (a temp file renamed into place, flushed to the disk just
// after the save: deferred-sync.ts) and rewritten only to add a host section fetched after the save (conf: temp
// file, fsync, rename), so a save costs the same at ten snapshots or fifty thousand, and damage stays local to one file.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotView } from '../../../src-shared/views';
import type { Clock, KvStoreFactory } from '../ports';
import { fsyncDir, fsyncDirAsync } from '../fs/atomic-file';
import { DIR_MODE, isDamage, kvPath, moveAside, peekKv } from './kv-files';
import { SNAPSHOT_DIR, TRASH_DIR, hostPortDir } from './layout';
import { forEachLimited } from './limited';
import { SNAPSHOT_FORMAT, fromStoredSnapshot, snapshotFile, type StoredSnapshotV2 } from './stored-snapshot';
import { createThenRename } from './create-then-rename';
import { FileWriter, type WriterEntry } from './file-writer';

const FORMAT = SNAPSHOT_FORMAT;

export type ReadOutcome =
  | { ok: true; snapshot: SnapshotView }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'damaged'; movedTo: string }
  /** Read-only stores leave a damaged file where it is. */
  | { ok: false; reason: 'unreadable' };

export class SnapshotFiles {
  private readonly knownDirs = new Set<string>();
  private readonly touched = new Set<string>();
  private tmpCounter = 0;
  /** Temp files of writeUnsynced() calls under way: not leftovers of a crash. */
  private readonly inFlight = new Set<string>();
  /** Writes an import's files off this thread; started by the first import. */
  private writer: FileWriter | null = null;
  /** Folders created by writeUnsynced() whose entry in the snapshots folder is not yet synced. */
  private readonly unsyncedDirs = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly kv: KvStoreFactory,
    private readonly clock: Clock,
    /** Never move, create or remove anything (a history written by a newer Portolan). */
    private readonly readOnly = false,
    private readonly writerEntry?: WriterEntry,
  ) {}

  pathOf(snapshotId: string, hostPortId: string): string {
    return kvPath(hostPortDir(this.root, hostPortId), snapshotId);
  }

  trashPathOf(snapshotId: string): string {
    return join(this.root, TRASH_DIR, `${snapshotId}.json`);
  }

  write(snapshot: SnapshotView): void {
    const dir = this.ensureDir(snapshot.hostPortId);
    this.kv({ name: snapshot.id, cwd: dir, clearInvalidConfig: false }).set(snapshotFile(snapshot));
    // conf fsyncs the file before renaming it into place; this makes the rename itself durable.
    fsyncDir(dir);
  }

  /** A new temp file's path: the snapshot id is unique and the name carries this process's own counter, so no randomness is needed. */
  private tempPath(dir: string, id: string): string {
    return join(dir, `.${id}.${process.pid}-${++this.tmpCounter}.tmp`);
  }

  /**
   * A save's write: the file in place at once (temp file renamed, so its name never holds half a file), flushed
   * to the disk by DeferredSync just after. Returns the file and the folders whose entries changed.
   */
  writeDeferred(snapshot: SnapshotView): { file: string; dirs: string[] } {
    const dir = hostPortDir(this.root, snapshot.hostPortId);
    const newFolder = this.unsyncedDirs.has(dir) || (!this.knownDirs.has(dir) && !existsSync(dir));
    this.ensureDir(snapshot.hostPortId, false);
    const file = kvPath(dir, snapshot.id);
    createThenRename(this.tempPath(dir, snapshot.id), file, snapshotFileText(snapshot));
    return { file, dirs: newFolder ? [dir, join(this.root, SNAPSHOT_DIR)] : [dir] };
  }

  /**
   * Writes without an fsync, for imports: thousands of files in a row would otherwise cost one disk flush each
   * (and one more for each new folder). Still atomic against a crash of the process: the text goes to a temp file
   * that is renamed into place, so a snapshot's own name never holds a half-written file; a crash leaves at most a
   * dot-named temp file, which no scan or read takes for a snapshot. syncDirs() makes the renames and new folders
   * durable once the import's batch is written. `text` is the whole file (see snapshotFileText), which the caller
   * may have had at hand already.
   *
   * On the import's own writer thread (file-writer.ts), so the kernel's part of creating the file overlaps the
   * parsing and checking of the next records instead of adding to it.
   */
  async writeUnsynced(id: string, hostPortId: string, text: string): Promise<void> {
    const dir = this.ensureDir(hostPortId, false);
    const tmp = this.tempPath(dir, id);
    this.inFlight.add(tmp);
    try {
      await (this.writer ??= new FileWriter(this.writerEntry)).write(tmp, kvPath(dir, id), text);
    } finally {
      this.inFlight.delete(tmp);
    }
    this.touched.add(dir);
  }

  /** Stops the import's writer thread, once the writes asked of it are done. */
  async closeWriter(): Promise<void> {
    const writer = this.writer;
    this.writer = null;
    await writer?.close();
  }

  /**
   * Makes the renames and folders created by writeUnsynced() durable: one fsync per touched folder, several in
   * flight at once so their latency overlaps.
   */
  async syncDirs(): Promise<void> {
    const dirs = [...this.touched];
    const created = [...this.unsyncedDirs];
    this.touched.clear();
    await forEachLimited(dirs, 16, fsyncDirAsync);
    for (const dir of created) this.unsyncedDirs.delete(dir);
  }

  /** One read and one parse, without checking first that the file exists (a missing file reads as missing). */
  readNow(snapshotId: string, hostPortId: string): ReadOutcome {
    return this.readAt(hostPortDir(this.root, hostPortId), snapshotId);
  }

  read(snapshotId: string, hostPortId: string): ReadOutcome {
    const dir = hostPortDir(this.root, hostPortId);
    if (!existsSync(kvPath(dir, snapshotId))) return { ok: false, reason: 'missing' };
    return this.readAt(dir, snapshotId);
  }

  private readInPlace(dir: string, snapshotId: string): ReadOutcome {
    const data = peekKv(dir, snapshotId);
    return data && isSnapshotFile(data, snapshotId) ? { ok: true, snapshot: fromStoredSnapshot(data.snapshot as StoredSnapshotV2) } : { ok: false, reason: 'unreadable' };
  }

  /** One read and one parse per file (a conf store would parse it in its constructor and again for `.store`). */
  private readMovingAside(dir: string, snapshotId: string): ReadOutcome {
    const path = kvPath(dir, snapshotId);
    let data: Record<string, unknown> | null = null;
    try {
      data = parseObject(readFileSync(path, 'utf8'));
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return { ok: false, reason: 'missing' };
      if (!isDamage(err)) throw err;
    }
    if (data && isSnapshotFile(data, snapshotId)) return { ok: true, snapshot: fromStoredSnapshot(data.snapshot as StoredSnapshotV2) };
    return { ok: false, reason: 'damaged', movedTo: moveAside(path, this.clock) };
  }

  remove(snapshotId: string, hostPortId: string): void {
    try {
      unlinkSync(this.pathOf(snapshotId, hostPortId));
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') throw err;
    }
  }

  /** Deleting moves the file into trash/, where undo can fetch it back until the undo expires. */
  toTrash(snapshotId: string, hostPortId: string): void {
    mkdirSync(join(this.root, TRASH_DIR), { recursive: true, mode: DIR_MODE });
    try {
      renameSync(this.pathOf(snapshotId, hostPortId), this.trashPathOf(snapshotId));
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') throw err;
    }
  }

  fromTrash(snapshotId: string, hostPortId: string): boolean {
    const dir = this.ensureDir(hostPortId);
    try {
      renameSync(this.trashPathOf(snapshotId), kvPath(dir, snapshotId));
      fsyncDir(dir);
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return false;
      throw err;
    }
  }

  dropFromTrash(snapshotId: string): void {
    try {
      unlinkSync(this.trashPathOf(snapshotId));
    } catch {
      // Already gone: the trash is emptied wholesale at the next open anyway.
    }
  }

  /** Moves the whole snapshots folder into the trash (one rename) so clear() is instant and crash-safe. */
  detachAll(): string | null {
    const from = join(this.root, SNAPSHOT_DIR);
    if (!existsSync(from)) return null;
    mkdirSync(join(this.root, TRASH_DIR), { recursive: true, mode: DIR_MODE });
    const to = join(this.root, TRASH_DIR, `cleared-${Date.now()}-${process.pid}`);
    renameSync(from, to);
    fsyncDir(this.root);
    this.knownDirs.clear();
    return to;
  }

  /** Every snapshot file on disk as [hostPort folder, snapshot id]; for rebuilds and the orphan sweep. */
  *scan(): Generator<{ dir: string; id: string }> {
    for (const { dir, files } of this.folders()) {
      for (const f of files) {
        // Skips conf's temp files and files already moved aside.
        const m = /^([A-Za-z0-9_-]{1,128})\.json$/.exec(f);
        if (m) yield { dir, id: m[1]! };
      }
    }
  }

  /**
   * Removes the temp files a write cut short by a crash leaves behind: this file's own (".<id>.<pid>-<n>.tmp") and
   * conf's ("<id>.json.tmp-<digits><hex>"), after an abrupt exit, when such files can exist. conf's writes are
   * synchronous and the caller runs in one turn; an import's writes in flight are known by name and left alone.
   */
  removeLeftoverTemps(): number {
    let removed = 0;
    for (const { dir, files } of this.folders()) {
      for (const f of files) {
        if (!LEFTOVER_TEMP.test(f) || this.inFlight.has(join(dir, f))) continue;
        rmSync(join(dir, f), { force: true });
        removed++;
      }
    }
    return removed;
  }

  private *folders(): Generator<{ dir: string; files: string[] }> {
    const root = join(this.root, SNAPSHOT_DIR);
    let dirs: string[];
    try {
      dirs = readdirSync(root);
    } catch {
      return;
    }
    for (const d of dirs) {
      const dir = join(root, d);
      try {
        yield { dir, files: readdirSync(dir) };
      } catch {
        continue;
      }
    }
  }

  removeAt(dir: string, id: string): void {
    unlinkSync(kvPath(dir, id));
  }

  readAt(dir: string, id: string): ReadOutcome {
    return this.readOnly ? this.readInPlace(dir, id) : this.readMovingAside(dir, id);
  }

  /** `durable` false leaves the new folder's entry to syncDirs() (imports, which sync once per batch). */
  private ensureDir(hostPortId: string, durable = true): string {
    const dir = hostPortDir(this.root, hostPortId);
    if (!this.knownDirs.has(dir)) {
      if (!existsSync(dir)) {
        mkdirSync(dir, { recursive: true, mode: DIR_MODE });
        if (durable) fsyncDir(join(this.root, SNAPSHOT_DIR));
        else {
          this.touched.add(join(this.root, SNAPSHOT_DIR));
          this.unsyncedDirs.add(dir);
        }
      }
      this.knownDirs.add(dir);
    } else if (durable && this.unsyncedDirs.has(dir)) {
      // A save into a folder an import created moments ago: the folder's entry must be durable before the save is.
      fsyncDir(join(this.root, SNAPSHOT_DIR));
      this.unsyncedDirs.delete(dir);
    }
    return dir;
  }
}

/** A temp file of an interrupted write: ours (see writeUnsynced) or conf's. */
const LEFTOVER_TEMP = /^(?:\.[A-Za-z0-9_-]{1,128}\.\d+-\d+\.tmp|[A-Za-z0-9_-]{1,128}\.json\.tmp-\d{10}[a-f0-9]{6})$/;

/**
 * A snapshot file's whole text. Written without indentation, unlike conf's tab-indented files: both parse to the
 * same content, and the compact text costs less to produce and to store.
 */
export function snapshotFileText(snapshot: SnapshotView): string {
  return JSON.stringify(snapshotFile(snapshot));
}

/** The parsed object, or null for anything else (empty file, array, invalid JSON). */
function parseObject(text: string): Record<string, unknown> | null {
  try {
    const data = JSON.parse(text) as unknown;
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isSnapshotFile(data: Record<string, unknown>, id: string): boolean {
  const s = data.snapshot as { id?: unknown; hostPort?: unknown } | undefined;
  return data.format === FORMAT && typeof s === 'object' && s !== null && s.id === id && typeof s.hostPort === 'object';
}
