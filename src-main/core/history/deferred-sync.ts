// A save returns once its snapshot file and journal line are written: in the operating system's cache, so a
// crash or kill of Portolan loses nothing. Flushing them to the disk itself follows at once, off the save's
// path: file, then its folder, then the journal. Waiting for three disk flushes inside every save made the
// slowest saves as slow as the slowest flush of the disk (over 100 ms on a busy one), whatever the history's size.
// The trade is the one SQLite's WAL mode makes with synchronous=NORMAL: a power cut in the moment after a save
// may lose that save (or leave its file unreadable, which is then kept aside and reported); it never damages
// anything saved before. Every journal append other than a save's first makes everything noted here durable
// (syncNow), so deletions, imports and compactions keep their order on disk.
import { close, fdatasync, fdatasyncSync, closeSync, open, openSync } from 'node:fs';
import { fsyncDir, fsyncDirAsync } from '../fs/atomic-file';
import { forEachLimited } from './limited';

/** Files or folders flushed at once: saves made while the disk is slow pile up by the thousand. */
const AT_ONCE = 16;

export class DeferredSync {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    /** The journal's path: flushed by path, so a journal replaced meanwhile is never confused with another file. */
    private readonly journalPath: () => string,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Snapshot files and folders written but not yet flushed (a file moved or removed since is skipped). */
  get pending(): number {
    return this.files.size + this.dirs.size;
  }

  /** A save's file and the folders whose entries changed; flushed on the next turn with the journal. */
  note(file: string, dirs: readonly string[]): void {
    this.files.add(file);
    for (const d of dirs) this.dirs.add(d);
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.flushSoon();
  }

  /** Resolves when everything noted so far is flushed (or has failed and been reported). */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Flushes everything noted so far, now, on this thread: for a journal append that must follow those saves. */
  syncNow(): void {
    for (const f of [...this.files]) {
      flushFileSync(f);
      this.files.delete(f);
    }
    for (const d of [...this.dirs]) {
      fsyncDir(d);
      this.dirs.delete(d);
    }
  }

  private async flushSoon(): Promise<void> {
    try {
      do {
        this.again = false;
        await new Promise<void>((resolve) => setImmediate(resolve));
        const files = [...this.files];
        const dirs = [...this.dirs];
        if (files.length === 0 && dirs.length === 0) continue;
        await forEachLimited(files, AT_ONCE, flushFile);
        for (const f of files) this.files.delete(f);
        await forEachLimited(dirs, AT_ONCE, fsyncDirAsync);
        for (const d of dirs) this.dirs.delete(d);
        await flushFile(this.journalPath());
      } while (this.again);
    } catch (err) {
      // What failed stays noted: the next flush, or the next journal append, tries again.
      this.onError(err);
    } finally {
      this.running = null;
    }
  }
}

const gone = (err: unknown): boolean => (err as { code?: string }).code === 'ENOENT';

/** fdatasync by path; a file deleted or moved to the trash since it was noted needs nothing. */
function flushFile(path: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // Read-write: Windows flushes only through a handle that may write.
    open(path, 'r+', (err, fd) => {
      if (err) return gone(err) ? resolve() : reject(err);
      fdatasync(fd, (syncErr) => close(fd, () => (syncErr ? reject(syncErr) : resolve())));
    });
  });
}

function flushFileSync(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (err) {
    if (gone(err)) return;
    throw err;
  }
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
