import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TokenCacheContext } from '@azure/msal-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesEncryptor } from '../../../src-main/core/auth';
import { createEncryptedCachePlugin } from '../../../src-main/core/auth/cache-plugin';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-cache-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Just enough of MSAL's TokenCacheContext: a cache that remembers what was deserialized. */
function context(serialized: string, changed: boolean): TokenCacheContext & { loaded: string[] } {
  const loaded: string[] = [];
  return {
    loaded,
    cacheHasChanged: changed,
    hasChanged: changed,
    tokenCache: { serialize: () => serialized, deserialize: (s: string) => loaded.push(s) },
  } as unknown as TokenCacheContext & { loaded: string[] };
}

const CACHE = JSON.stringify({ RefreshToken: { k: { secret: 'rt-secret-value' } } });

describe('encrypted cache plugin', () => {
  it('writes encrypted only when MSAL says the cache changed, and reads it back', async () => {
    const file = path.join(dir, 'cache.bin');
    const encryptor = createAesEncryptor();
    const plugin = createEncryptedCachePlugin({ file, encryptor, persist: () => true });
    await plugin.afterCacheAccess(context(CACHE, false));
    expect(fs.existsSync(file)).toBe(false);
    await plugin.afterCacheAccess(context(CACHE, true));
    expect(fs.readFileSync(file).includes(Buffer.from('rt-secret-value'))).toBe(false);

    const reader = createEncryptedCachePlugin({ file, encryptor, persist: () => true });
    const ctx = context('', false);
    await reader.beforeCacheAccess(ctx);
    expect(ctx.loaded).toEqual([CACHE]);
  });

  it('a read that starts while writes are under way waits for them, so MSAL never gets an older cache back', async () => {
    const file = path.join(dir, 'cache.bin');
    const encryptor = createAesEncryptor();
    const plugin = createEncryptedCachePlugin({ file, encryptor, persist: () => true });
    const older = JSON.stringify({ RefreshToken: { k: { secret: 'older' } } });
    await plugin.afterCacheAccess(context(older, true));
    const writing = [plugin.afterCacheAccess(context(CACHE.replace('rt-secret-value', 'middle'), true)), plugin.afterCacheAccess(context(CACHE, true))];
    const ctx = context('', false);
    await Promise.all([...writing, plugin.beforeCacheAccess(ctx)]);
    expect(ctx.loaded).toEqual([CACHE]);
    expect(encryptor.decrypt(fs.readFileSync(file)).toString('utf8')).toBe(CACHE);
  });

  it('keeps working from memory when the file cannot be written, with a notice', async () => {
    const blocker = path.join(dir, 'file-not-dir');
    fs.writeFileSync(blocker, 'x');
    const plugin = createEncryptedCachePlugin({ file: path.join(blocker, 'cache.bin'), encryptor: createAesEncryptor(), persist: () => true });
    await expect(plugin.afterCacheAccess(context(CACHE, true))).resolves.toBeUndefined();
    expect(plugin.takeNotices()[0]).toMatch(/could not save the sign-in/);
    expect(plugin.takeNotices()).toEqual([]); // drained
  });

  it('in memory-only mode never touches the disk', async () => {
    const file = path.join(dir, 'cache.bin');
    const plugin = createEncryptedCachePlugin({ file, encryptor: createAesEncryptor({ strong: false }), persist: () => false });
    await plugin.afterCacheAccess(context(CACHE, true));
    expect(fs.readdirSync(dir)).toEqual([]);
    const ctx = context('', false);
    await plugin.beforeCacheAccess(ctx);
    expect(ctx.loaded).toEqual([CACHE]);
  });
});
