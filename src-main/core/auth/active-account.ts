// Which signed-in account Graph calls use. A small plain file beside the token cache: it holds only MSAL's
// homeAccountId (object id + tenant id), which identifies but grants nothing. Async: it is read on every
// status and token request on Electron's main thread.
import { readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic-file';

export interface ActiveAccountFile {
  read(): Promise<string | null>;
  write(homeAccountId: string | null): Promise<void>;
}

export function createActiveAccountFile(file: string): ActiveAccountFile {
  return {
    async read() {
      try {
        const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
        const id = (parsed as { homeAccountId?: unknown } | null)?.homeAccountId;
        return typeof id === 'string' && id.length > 0 ? id : null;
      } catch {
        return null; // missing or damaged: the first cached account is used
      }
    },
    async write(homeAccountId) {
      if (homeAccountId === null) await rm(file, { force: true });
      else await writeFileAtomic(file, `${JSON.stringify({ homeAccountId })}\n`, { mode: 0o600 });
    },
  };
}
