// msal-node's token cache, encrypted at rest. MSAL calls beforeCacheAccess before it reads the cache and
// afterCacheAccess after; we decrypt the file into MSAL's memory and write it back encrypted when it changed.
//
// A file that fails to decrypt or parse is DELETED, not moved aside: it holds secrets (refresh tokens) that
// we can no longer protect or use, and keeping a copy would only leave ciphertext lying around. The user
// simply signs in again.
//
// When the encryptor is weak (Linux basic_text: a fixed, public password) and the user has not opted in,
// nothing is written: the serialized cache lives in this process only and sign-in lasts until the app quits.
//
// Disk access is async (this runs on Electron's main thread), so writes are chained: they land in the order
// MSAL produced them, and a read waits for the writes before it, never deserializing an older cache.
import { readFile, rm } from 'node:fs/promises';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { Encryptor } from '../ports';
import { writeFileAtomic } from '../fs/atomic-file';

export interface EncryptedCachePlugin extends ICachePlugin {
  /** True when the cache may be written to disk right now. */
  persisted(): boolean;
  /** One-off messages for the user (a discarded cache, a failed write). Drained by the caller. */
  takeNotices(): string[];
}

export interface EncryptedCachePluginOptions {
  file: string;
  encryptor: Encryptor;
  /** Evaluated on every access, so toggling the opt-in setting takes effect at once. */
  persist: () => boolean;
  log?: (line: string) => void;
}

// An empty msal-node cache, used to wipe MSAL's memory when the file on disk is gone or unreadable.
const EMPTY_CACHE = JSON.stringify({ Account: {}, IdToken: {}, AccessToken: {}, RefreshToken: {}, AppMetadata: {} });

export function createEncryptedCachePlugin(opts: EncryptedCachePluginOptions): EncryptedCachePlugin {
  const log = opts.log ?? (() => undefined);
  const notices: string[] = [];
  // The last serialized cache: the only copy in memory-only mode, and a bridge when switching modes.
  let memory: string | null = null;
  let writes: Promise<void> = Promise.resolve();

  async function readCache(): Promise<string | null> {
    await writes;
    let data: Buffer;
    try {
      data = await readFile(opts.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      log(`token cache: could not read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return null;
    }
    try {
      const text = opts.encryptor.decrypt(data).toString('utf8');
      JSON.parse(text); // a decryptable but garbled cache is as useless as an undecryptable one
      return text;
    } catch {
      await discardFile('it could not be decrypted or read');
      return EMPTY_CACHE;
    }
  }

  async function discardFile(why: string): Promise<void> {
    try {
      await rm(opts.file, { force: true });
    } catch {
      // If even deletion fails, the next successful write replaces it.
    }
    log(`token cache: discarded (${why})`);
    notices.push('The saved sign-in could not be read (it may have been encrypted on another machine or damaged), so it was removed. Please sign in again.');
  }

  function writeCache(text: string): Promise<void> {
    writes = writes.then(async () => {
      try {
        await writeFileAtomic(opts.file, opts.encryptor.encrypt(Buffer.from(text, 'utf8')), { mode: 0o600 });
      } catch (err) {
        // Keep working from memory; the user stays signed in for this session.
        log(`token cache: could not write (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
        notices.push('Portolan could not save the sign-in to disk; you will need to sign in again after restarting.');
      }
    });
    return writes;
  }

  return {
    persisted: () => opts.persist(),
    takeNotices: () => notices.splice(0),

    async beforeCacheAccess(ctx: TokenCacheContext): Promise<void> {
      if (opts.persist()) {
        const fromDisk = await readCache();
        if (fromDisk !== null) {
          memory = fromDisk === EMPTY_CACHE ? null : fromDisk;
          ctx.tokenCache.deserialize(fromDisk);
        } else if (memory !== null) {
          // Just switched from memory-only to persisted: carry the session over, then save it.
          ctx.tokenCache.deserialize(memory);
          await writeCache(memory);
        }
        return;
      }
      // Memory-only: a file left from when the user had opted in is taken into memory and removed,
      // because the user no longer wants weakly protected secrets on disk.
      // (Reading a missing file is cheap and removing it is a no-op, so there is no separate existence check.)
      const fromDisk = await readCache();
      await rm(opts.file, { force: true }).catch((err: NodeJS.ErrnoException) => log(`token cache: could not remove (${err.code ?? 'error'})`));
      if (fromDisk !== null && fromDisk !== EMPTY_CACHE && memory === null) memory = fromDisk;
      if (memory !== null) ctx.tokenCache.deserialize(memory);
    },

    async afterCacheAccess(ctx: TokenCacheContext): Promise<void> {
      if (!ctx.cacheHasChanged) return;
      const text = ctx.tokenCache.serialize();
      memory = text;
      if (opts.persist()) await writeCache(text);
    },
  };
}
