import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { createSafeStorageEncryptor } = await import('../../../src-main/electron/safe-storage');

const storage = (backend: string, available = true) => {
  const s = createFakeElectron().electron.safeStorage;
  s.getSelectedStorageBackend.mockReturnValue(backend);
  s.isEncryptionAvailable.mockReturnValue(available);
  return s;
};

describe('safeStorage encryptor', () => {
  it('is strong with a real keyring on Linux and round-trips arbitrary bytes', () => {
    const enc = createSafeStorageEncryptor(storage('gnome_libsecret') as never, 'linux');
    expect(enc).toMatchObject({ kind: 'safeStorage', strong: true });
    const bytes = Buffer.from([0, 1, 2, 255, 10, 13]);
    const cipher = enc.encrypt(bytes);
    expect(cipher.equals(bytes)).toBe(false);
    expect(enc.decrypt(cipher).equals(bytes)).toBe(true);
  });

  it("reports Linux's basic_text fallback as weak", () => {
    expect(createSafeStorageEncryptor(storage('basic_text') as never, 'linux')).toMatchObject({ kind: 'basic_text', strong: false });
    expect(createSafeStorageEncryptor(storage('unknown') as never, 'linux').strong).toBe(false);
  });

  it('does not ask for a Linux backend on Windows or macOS', () => {
    const s = storage('basic_text');
    expect(createSafeStorageEncryptor(s as never, 'win32')).toMatchObject({ kind: 'safeStorage', strong: true });
    expect(createSafeStorageEncryptor(s as never, 'darwin').strong).toBe(true);
    expect(s.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('is weak, and refuses to encrypt, when encryption is unavailable', () => {
    const enc = createSafeStorageEncryptor(storage('gnome_libsecret', false) as never, 'linux');
    expect(enc.strong).toBe(false);
    expect(() => enc.encrypt(Buffer.from('x'))).toThrow(/not available/);
  });

  it('throws on data encrypted with another key, so the core can discard the cache', () => {
    const enc = createSafeStorageEncryptor(storage('kwallet5') as never, 'linux');
    expect(() => enc.decrypt(Buffer.from('garbage'))).toThrow();
  });
});
