import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAesEncryptor } from '../../../src-main/core/auth';
import { readAllFiles, useHarness, type Harness } from './harness';
import { useNetworkGuard } from './network-guard';

const guard = useNetworkGuard();

function allTokens(h: Harness): string[] {
  const { access, refresh, id } = h.server.issuedTokens;
  // An id_token's claims segment on its own would also be a leak.
  return [...access, ...refresh, ...id, ...id.map((t) => t.split('.')[1]!)];
}

describe('encrypted token cache', () => {
  const h = useHarness(guard);

  it('leaves no token in plain text anywhere in the user-data folder', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    await auth.tokens.getToken({ forceRefresh: true }); // a second set of tokens, written again
    const tokens = allTokens(h);
    expect(tokens.length).toBeGreaterThanOrEqual(6);

    const files = readAllFiles(h.dir);
    expect(files.map((f) => path.basename(f.file)).sort()).toEqual(['active-account.json', 'msal-cache.bin']);
    for (const { file, data } of files) {
      for (const encoding of ['utf8', 'latin1', 'utf16le'] as const) {
        const text = data.toString(encoding);
        for (const t of tokens) expect(text.includes(t), `${t.slice(0, 12)}… in ${path.basename(file)}`).toBe(false);
      }
    }
    // Nor in the log lines the service wrote.
    const logText = h.logs.join('\n');
    for (const t of tokens) expect(logText.includes(t)).toBe(false);
    expect(h.logs.some((l) => l.includes('sign-in: completed'))).toBe(true);
    // The search would have found them: the cache decrypts to MSAL's JSON holding the current refresh token.
    const plain = h.encryptor.decrypt(fs.readFileSync(h.cacheFile)).toString('utf8');
    expect(plain).toContain(h.server.issuedTokens.refresh.at(-1));
    expect(fs.statSync(h.cacheFile).mode & 0o777).toBe(0o600);
  });

  it('a restart with the same user data stays signed in without a new sign-in', async () => {
    const first = h.make();
    await h.signInAs(first);
    const token = await first.tokens.getToken({ forceRefresh: false });
    first.dispose();

    const second = h.make();
    const status = await second.status();
    expect(status.signedIn).toBe(true);
    expect(status.active?.username).toBe('alice@contoso.example');
    expect(await second.tokens.getToken({ forceRefresh: false })).toBe(token);
    expect(h.server.tokenRequests).toHaveLength(1);
    expect(h.opened).toHaveLength(1);
  });

  it('discards a corrupt cache file: signed out, a clear notice, nothing crashes, sign-in works again', async () => {
    const first = h.make();
    await h.signInAs(first);
    fs.writeFileSync(h.cacheFile, 'this is not a token cache');

    const auth = h.make();
    const status = await auth.status();
    expect(status.signedIn).toBe(false);
    expect(status.accounts).toEqual([]);
    expect(status.cacheWarning).toMatch(/could not be read/);
    expect(fs.existsSync(h.cacheFile)).toBe(false); // secrets: deleted, not kept aside
    await expect(auth.tokens.getToken({ forceRefresh: false })).rejects.toMatchObject({ error: { kind: 'signInRequired' } });

    const { status: after } = await h.signInAs(auth);
    expect(after.signedIn).toBe(true);
    expect(after.cacheWarning).toBeNull();
    expect(fs.existsSync(h.cacheFile)).toBe(true);
  });

  it('discards a cache encrypted with another key', async () => {
    await h.signInAs(h.make());
    h.encryptor = createAesEncryptor({ kind: 'test (other key)' });
    const auth = h.make();
    const status = await auth.status();
    expect(status).toMatchObject({ signedIn: false, accounts: [] });
    expect(status.cacheWarning).toMatch(/sign in again/i);
    expect(fs.existsSync(h.cacheFile)).toBe(false);
  });

  it('discards a cache that decrypts but is not JSON', async () => {
    fs.writeFileSync(h.cacheFile, h.encryptor.encrypt(Buffer.from('{"Account": {', 'utf8')));
    const status = await h.make().status();
    expect(status.signedIn).toBe(false);
    expect(fs.existsSync(h.cacheFile)).toBe(false);
  });

  it('with a weak (basic_text) encryptor keeps the cache in memory only and says why', async () => {
    h.encryptor = createAesEncryptor({ kind: 'basic_text', strong: false });
    const auth = h.make();
    const { status } = await h.signInAs(auth);
    expect(status.signedIn).toBe(true);
    expect(status.cacheWarning).toMatch(/basic_text/);
    expect(status.cacheWarning).toMatch(/memory only/);
    expect(status.weakCacheEncryption).toBe(true);
    expect(await auth.tokens.getToken({ forceRefresh: false })).toBe(h.server.issuedTokens.access[0]);
    expect(fs.existsSync(h.cacheFile)).toBe(false);
    // A restart forgets the sign-in.
    expect((await h.make().status()).signedIn).toBe(false);
  });

  it('with a weak encryptor and the user\'s opt-in, keeps the cache on disk', async () => {
    h.encryptor = createAesEncryptor({ kind: 'basic_text', strong: false });
    const auth = h.make();
    await h.signInAs(auth);
    expect(fs.existsSync(h.cacheFile)).toBe(false);

    h.settings = { ...h.settings, allowWeakCacheEncryption: true };
    const status = await auth.status();
    expect(status.cacheWarning).toBeNull();
    // Still weak: the settings view keeps offering the choice, so the user can opt out again.
    expect(status.weakCacheEncryption).toBe(true);
    expect(status.signedIn).toBe(true);
    expect(fs.existsSync(h.cacheFile)).toBe(true); // the in-memory session was carried over to disk
    expect((await h.make().status()).signedIn).toBe(true);

    // Opting out again removes the on-disk copy but keeps this session.
    h.settings = { ...h.settings, allowWeakCacheEncryption: false };
    expect((await auth.status()).signedIn).toBe(true);
    expect(fs.existsSync(h.cacheFile)).toBe(false);
  });

  it('writes atomically: no temporary files are left behind', async () => {
    const auth = h.make();
    await h.signInAs(auth);
    for (let i = 0; i < 3; i++) await auth.tokens.getToken({ forceRefresh: true });
    expect(fs.readdirSync(h.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
