// File safety shared by settings, the token cache and the history store.
// - writeFileAtomic / writeFileAtomicSync: a crash or power loss mid-write leaves the old file or the new
//   one, never a torn mix (sibling temp file, fsync, rename over the target, fsync the folder).
// - moveAsideAsync / moveAside: a damaged file the user may want back is renamed next to itself, never deleted.
// The async forms are for code on Electron's main thread (settings, the token cache); the sync forms are
// for the history store, which runs in its own process or worker where blocking stalls nothing visible.
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export function writeFileAtomicSync(file: string, data: string | Buffer, opts: { mode?: number } = {}): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = opts.mode ?? 0o600;
  let fd: number | null = fs.openSync(tmp, 'wx', mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    // openSync's mode is filtered by the umask; secrets must end up owner-only regardless.
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

export async function writeFileAtomic(file: string, data: string | Buffer, opts: { mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = opts.mode ?? 0o600;
  let handle: fsp.FileHandle | null = await fsp.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    // open's mode is filtered by the umask; secrets must end up owner-only regardless.
    await fsp.chmod(tmp, mode);
    await fsp.rename(tmp, file);
  } catch (err) {
    if (handle !== null) await handle.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await fsyncDirAsync(dir);
}

/** fsyncDir without blocking the thread; best effort as it is. */
export async function fsyncDirAsync(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // As fsyncDir: best effort where a directory cannot be opened or synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Makes a rename or create in `dir` survive power loss, not just a process crash (best effort). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory, and some filesystems refuse fsync on one; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A timestamp that is safe in file names on every OS. */
export function fileStamp(nowMs: number): string {
  return new Date(nowMs).toISOString().replace(/[:.]/g, '-');
}

/**
 * Renames `<name><ext>` to `<name>.<label>-<timestamp><ext>` beside it (the extension stays last, so a kept
 * settings.json still opens as JSON) and returns the new path. For data the user may want back; never
 * for secrets, which are deleted instead.
 */
export function moveAside(file: string, opts: AsideOptions = {}): string {
  const name = asideName(file, opts);
  let target = name(1);
  for (let n = 2; fs.existsSync(target); n++) target = name(n);
  fs.renameSync(file, target);
  fsyncDir(path.dirname(file));
  return target;
}

/** moveAside without blocking the thread: same name scheme, same folder sync. */
export async function moveAsideAsync(file: string, opts: AsideOptions = {}): Promise<string> {
  const name = asideName(file, opts);
  let target = name(1);
  for (let n = 2; await exists(target); n++) target = name(n);
  await fsp.rename(file, target);
  await fsyncDirAsync(path.dirname(file));
  return target;
}

interface AsideOptions {
  nowMs?: number;
  label?: string;
}

/** The n-th candidate name for a file kept aside (n = 1 has no counter). */
function asideName(file: string, opts: AsideOptions): (n: number) => string {
  const ext = path.extname(file);
  const base = path.join(path.dirname(file), path.basename(file, ext));
  const stamp = fileStamp(opts.nowMs ?? Date.now());
  const label = opts.label ?? 'corrupt';
  return (n) => `${base}.${label}-${stamp}${n > 1 ? `-${n}` : ''}${ext}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.lstat(file);
    return true;
  } catch {
    return false;
  }
}
