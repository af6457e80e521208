// Opening conf / electron-store files without ever losing one. conf's clearInvalidConfig would silently
// wipe a damaged file; we pass false, catch the throw, and rename the file aside so the user can recover it.
import { join } from 'node:path';
import { fileStamp as stampOf, moveAside as moveFileAside } from '../fs/atomic-file';
import type { Clock, KvStore, KvStoreFactory } from '../ports';

export function kvPath(cwd: string, name: string): string {
  return join(cwd, `${name}.json`);
}

/** Moves a damaged store file aside (kept for the user, never deleted), stamped with the store's clock. */
export function moveAside(path: string, clock: Clock, label = 'corrupt'): string {
  return moveFileAside(path, { nowMs: clock.now(), label });
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
