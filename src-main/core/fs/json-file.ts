// A small JSON document on disk, read and written asynchronously (the Electron main thread must never wait
// on the disk). Writes go to a sibling temp file that is renamed over the target, so a crash leaves the
// old document or the new one; an unreadable or damaged file reads as null, never as an exception.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface JsonStore {
  /** The parsed document, or null when there is none or it is not JSON. */
  read(): Promise<unknown>;
  write(value: unknown): Promise<void>;
}

export function createJsonFileStore(file: string): JsonStore {
  let counter = 0;
  return {
    async read() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as unknown;
      } catch {
        return null;
      }
    },
    async write(value) {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${++counter}.tmp`;
      try {
        await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
  };
}
