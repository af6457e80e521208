// AES-256-GCM encryptors for where Electron's safeStorage does not exist: the web preview (key in a file)
// and tests (key in memory).
//
// Honest limits of the key-file variant: the key sits in a 0600 file beside the cache, so it stops casual
// reading, backups that skip dot-files, and plain-text greps for tokens; it does NOT protect against anyone
// (or any malware) running as the same user, who can read both files. The packaged app uses the OS keychain
// through safeStorage instead; the preview is a development tool.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Encryptor } from '../ports';
import { writeFileAtomic } from '../fs/atomic-file';

// "PTC1": Portolan token cache, format 1. Lets decrypt() say "not ours" before GCM says "tampered".
const MAGIC = Buffer.from('PTC1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface AesEncryptorOptions {
  key?: Buffer;
  kind?: string;
  /** False imitates Linux's basic_text backend in tests (cache must then stay in memory unless opted in). */
  strong?: boolean;
}

export function createAesEncryptor(opts: AesEncryptorOptions = {}): Encryptor {
  const key = opts.key ?? randomBytes(KEY_BYTES);
  if (key.length !== KEY_BYTES) throw new Error(`AES-256-GCM needs a ${KEY_BYTES}-byte key.`);
  return {
    kind: opts.kind ?? 'aes-256-gcm',
    strong: opts.strong ?? true,
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(MAGIC);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      if (data.length < MAGIC.length + IV_BYTES + TAG_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
        throw new Error('Not data encrypted by this encryptor.');
      }
      const iv = data.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
      const tag = data.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(MAGIC);
      decipher.setAuthTag(tag);
      // Throws "Unsupported state or unable to authenticate data" for another key or a tampered file.
      return Buffer.concat([decipher.update(data.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
}

/**
 * The preview's encryptor: a random key kept in `keyFile` (created 0600 on first use). A key file of the
 * wrong size is replaced, which makes the old cache undecryptable; it is then discarded and the user signs
 * in again, the same path as any other unreadable cache.
 */
export async function createAesFileEncryptor(keyFile: string): Promise<Encryptor> {
  return createAesEncryptor({ key: await loadOrCreateKey(keyFile), kind: 'aes-256-gcm (preview key file)', strong: true });
}

async function loadOrCreateKey(keyFile: string): Promise<Buffer> {
  try {
    const key = await readFile(keyFile);
    if (key.length === KEY_BYTES) return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // writeFileAtomic creates the folder.
  const key = randomBytes(KEY_BYTES);
  await writeFileAtomic(keyFile, key, { mode: 0o600 });
  return key;
}
