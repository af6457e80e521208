// File safety shared by settings, the token cache and the history store.
// - writeFileAtomicSync: a crash or power loss mid-write leaves the old file or the new one, never a torn
//   mix (sibling temp file, fsync, rename over the target, fsync the folder).
// - moveAside: a damaged file the user may want back is renamed next to itself, never deleted.
import * as fs from 'node:fs';
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
export function moveAside(file: string, opts: { nowMs?: number; label?: string } = {}): string {
  const ext = path.extname(file);
  const base = path.join(path.dirname(file), path.basename(file, ext));
  const stamp = fileStamp(opts.nowMs ?? Date.now());
  const label = opts.label ?? 'corrupt';
  let target = `${base}.${label}-${stamp}${ext}`;
  for (let n = 2; fs.existsSync(target); n++) target = `${base}.${label}-${stamp}-${n}${ext}`;
  fs.renameSync(file, target);
  fsyncDir(path.dirname(file));
  return target;
}
