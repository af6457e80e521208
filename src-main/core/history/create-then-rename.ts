// A new file in one step as far as any reader can tell: written under a temp name (O_EXCL, so a leftover of a
// crash is never reused; owner-only from its creation, which a umask can only narrow), then renamed into place.
// A failure removes the temp file and is thrown.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { FILE_MODE } from './kv-files';

export function createThenRename(tmp: string, path: string, text: string | Uint8Array): void {
  try {
    writeFileSync(tmp, text, { flag: 'wx', mode: FILE_MODE });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
