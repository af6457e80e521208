// The core's Encryptor backed by Electron safeStorage (DPAPI on Windows, Keychain on macOS, the Secret
// Service or KWallet on Linux). On Linux, when no keyring is reachable, Chromium falls back to a fixed,
// publicly known password ('basic_text'): the bytes are still scrambled, but anyone who can read the file
// can decrypt it. We report that as kind 'basic_text' with strong=false, so the core keeps the token cache
// in memory unless the user opts in (README, "Where data lives").
import type { SafeStorage } from 'electron';
import type { Encryptor } from '../core/ports';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/** Call after app 'ready': before it, isEncryptionAvailable() is false on Windows and Linux. */
export function createSafeStorageEncryptor(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): Encryptor {
  const available = safeStorage.isEncryptionAvailable();
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  const weak = !available || backend === 'basic_text' || backend === 'unknown';
  return {
    // The core shows the Linux "weak encryption" notice for 'basic_text'.
    kind: backend === 'basic_text' ? 'basic_text' : 'safeStorage',
    strong: !weak,
    encrypt(plain) {
      if (!available) throw new Error('Encryption is not available on this system.');
      // safeStorage works on strings; base64 keeps arbitrary bytes intact.
      return safeStorage.encryptString(plain.toString('base64'));
    },
    decrypt(cipher) {
      if (!available) throw new Error('Encryption is not available on this system.');
      // Throws for data encrypted with another key; the core then discards the cache.
      return Buffer.from(safeStorage.decryptString(cipher), 'base64');
    },
  };
}
