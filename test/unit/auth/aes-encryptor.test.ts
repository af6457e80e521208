import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesEncryptor, createAesFileEncryptor } from '../../../src-main/core/auth';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-aes-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const secret = Buffer.from('{"RefreshToken":{"k":{"secret":"rt-very-secret"}}}');

describe('AES-256-GCM encryptor', () => {
  it('round-trips, and the ciphertext does not contain the plain text', () => {
    const enc = createAesEncryptor();
    const cipher = enc.encrypt(secret);
    expect(cipher.includes(Buffer.from('rt-very-secret'))).toBe(false);
    expect(enc.decrypt(cipher).equals(secret)).toBe(true);
    // A fresh IV every time.
    expect(enc.encrypt(secret).equals(cipher)).toBe(false);
  });

  it('refuses data from another key, tampered data and foreign data', () => {
    const enc = createAesEncryptor();
    const cipher = enc.encrypt(secret);
    expect(() => createAesEncryptor().decrypt(cipher)).toThrow();
    const tampered = Buffer.from(cipher);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => enc.decrypt(tampered)).toThrow();
    expect(() => enc.decrypt(Buffer.from('plain old text, not ours at all'))).toThrow(/Not data encrypted/);
  });

  it('reports its kind and strength (weak imitates basic_text)', () => {
    expect(createAesEncryptor({ kind: 'basic_text', strong: false })).toMatchObject({ kind: 'basic_text', strong: false });
    expect(createAesEncryptor().strong).toBe(true);
    expect(() => createAesEncryptor({ key: Buffer.alloc(16) })).toThrow(/32-byte/);
  });
});

describe('key-file encryptor (web preview)', () => {
  it('creates a 0600 key file and reuses it across restarts', async () => {
    const keyFile = path.join(dir, 'nested', 'cache.key');
    const first = await createAesFileEncryptor(keyFile);
    expect(first.kind).toMatch(/preview key file/);
    expect(fs.statSync(keyFile).size).toBe(32);
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const cipher = first.encrypt(secret);
    expect((await createAesFileEncryptor(keyFile)).decrypt(cipher).equals(secret)).toBe(true);
  });

  it('replaces a damaged key file, so old data no longer decrypts (and is then discarded by the cache)', async () => {
    const keyFile = path.join(dir, 'cache.key');
    const cipher = (await createAesFileEncryptor(keyFile)).encrypt(secret);
    fs.writeFileSync(keyFile, 'short');
    const replaced = await createAesFileEncryptor(keyFile);
    expect(fs.statSync(keyFile).size).toBe(32);
    expect(() => replaced.decrypt(cipher)).toThrow();
  });
});
