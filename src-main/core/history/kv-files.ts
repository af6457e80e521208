// Opening conf / electron-store files without ever losing one. conf's clearInvalidConfig would silently
// wipe a damaged file; we pass false, catch the throw, and rename the file aside so the user can recover it.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileStamp as stampOf, moveAside as moveFileAside } from '../fs/atomic-file';
import type { Clock, KvStore, KvStoreFactory } from '../ports';

export function kvPath(cwd: string, name: string): string {
  return join(cwd, `${name}.json`);
}

/** History files and folders are for the signed-in user alone (POSIX modes; Windows ignores them). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Moves a damaged store file aside (kept for the user, never deleted), stamped with the store's clock. */
export function moveAside(path: string, clock: Clock, label = 'corrupt'): string {
  const target = moveFileAside(path, { nowMs: clock.now(), label });
  ownerOnly(target);
  return target;
}

/** Narrows a file or folder to its owner; best effort (a file that cannot be chmod-ed is still kept). */
export function ownerOnly(path: string): void {
  try {
    chmodSync(path, statSync(path).isDirectory() ? DIR_MODE : FILE_MODE);
  } catch {
    // Not ours to fix (another owner, a filesystem without modes).
  }
}

/**
 * Reads a store file's content without changing anything on disk: for the read-only open of a history written
 * by a newer Portolan, and for checking schema versions before anything is touched. Null when absent or unreadable.
 */
export function peekKv(cwd: string, name: string): Record<string, unknown> | null {
  try {
    const data = JSON.parse(readFileSync(kvPath(cwd, name), 'utf8')) as unknown;
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A file-name-safe timestamp from the store's clock. */
export function fileStamp(clock: Clock): string {
  return stampOf(clock.now());
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
    // An empty file or a folder in the file's place is damage too; kept aside like any other.
    const st = statSync(path, { throwIfNoEntry: false });
    if (st && (st.isDirectory() || st.size === 0)) throw Object.assign(new Error(`${path} is empty or a folder`), { code: 'EISDIR' });
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
export function isDamage(err: unknown): boolean {
  if (err instanceof SyntaxError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  // EISDIR: something replaced the file with a folder. EILSEQ/EIO: unreadable bytes on disk. EACCES/EPERM on a
  // read: the file's permissions were changed; renaming it needs only the folder's permission, so it can be kept.
  if (code === 'EISDIR' || code === 'EIO' || code === 'EILSEQ' || code === 'EACCES' || code === 'EPERM') return true;
  const message = err instanceof Error ? err.message : '';
  return message.startsWith('Config schema violation') || message.includes('decrypt');
}
