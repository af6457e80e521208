// Which signed-in account Graph calls use. A small plain file beside the token cache: it holds only MSAL's
// homeAccountId (object id + tenant id), which identifies but grants nothing.
import * as fs from 'node:fs';
import { writeFileAtomicSync } from '../fs/atomic-file';

export interface ActiveAccountFile {
  read(): string | null;
  write(homeAccountId: string | null): void;
}

export function createActiveAccountFile(file: string): ActiveAccountFile {
  return {
    read() {
      try {
        const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
        const id = (parsed as { homeAccountId?: unknown } | null)?.homeAccountId;
        return typeof id === 'string' && id.length > 0 ? id : null;
      } catch {
        return null; // missing or damaged: the first cached account is used
      }
    },
    write(homeAccountId) {
      if (homeAccountId === null) fs.rmSync(file, { force: true });
      else writeFileAtomicSync(file, `${JSON.stringify({ homeAccountId })}\n`, { mode: 0o600 });
    },
  };
}
