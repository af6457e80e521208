// Opening conf / electron-store files without ever losing one. conf's clearInvalidConfig would silently
// wipe a damaged file; we pass false, catch the throw, and rename the file aside so the user can recover it.
import { closeSync, existsSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Clock, KvStore, KvStoreFactory } from '../ports';

export function kvPath(cwd: string, name: string): string {
  return join(cwd, `${name}.json`);
}

/** A timestamp that is safe in file names on every OS. */
export function fileStamp(clock: Clock): string {
  return new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
}

/** Renames a file to `<name>.<label>-<timestamp><ext>` next to it and returns the new path. */
export function moveAside(path: string, clock: Clock, label = 'corrupt'): string {
  const ext = extname(path);
  const base = basename(path, ext);
  let target = join(dirname(path), `${base}.${label}-${fileStamp(clock)}${ext}`);
  for (let n = 2; existsSync(target); n++) target = join(dirname(path), `${base}.${label}-${fileStamp(clock)}-${n}${ext}`);
  renameSync(path, target);
  fsyncDir(dirname(path));
  return target;
}

/** Makes a rename or create in `dir` survive power loss, not just a process crash. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface OpenedKv {
  kv: KvStore;
  /** The file's content as read at open (conf re-reads on every access, so callers keep this copy). */
  data: Record<string, unknown>;
  /** Where a damaged file was moved, when it was. */
  movedTo: string | null;
}

/**
 * Opens a store file. If it cannot be parsed (or `isValid` rejects its content) it is moved aside and an
 * empty store takes its place. Errors other than damage (e.g. permissions) are rethrown to the caller.
 */
export function openKv(
  factory: KvStoreFactory,
  cwd: string,
  name: string,
  clock: Clock,
  isValid: (data: Record<string, unknown>) => boolean = () => true,
): OpenedKv {
  const path = kvPath(cwd, name);
  let movedTo: string | null = null;
  try {
    const kv = factory({ name, cwd, clearInvalidConfig: false });
    const data = kv.store;
    if (Object.keys(data).length === 0 || isValid(data)) return { kv, data, movedTo };
  } catch (err) {
    if (!isDamage(err)) throw err;
  }
  movedTo = moveAside(path, clock);
  const kv = factory({ name, cwd, clearInvalidConfig: false });
  return { kv, data: {}, movedTo };
}

/** A parse failure or an unreadable file means damage; a missing folder or full disk does not. */
function isDamage(err: unknown): boolean {
  if (err instanceof SyntaxError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  // EISDIR: something replaced the file with a folder. EILSEQ/EIO: unreadable bytes on disk.
  if (code === 'EISDIR' || code === 'EIO' || code === 'EILSEQ') return true;
  const message = err instanceof Error ? err.message : '';
  return message.startsWith('Config schema violation') || message.includes('decrypt');
}
