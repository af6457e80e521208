import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveAsideAsync, writeFileAtomic } from '../../../../src-main/core/fs/atomic-file';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-atomic-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates the folder, replaces the file whole, owner-only, and leaves no temp file', async () => {
    const file = path.join(dir, 'nested', 'secret.bin');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, Buffer.from('second'));
    expect(fs.readFileSync(file, 'utf8')).toBe('second');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['secret.bin']);
  });

  it('keeps the old file when the rename fails, and cleans up its temp file', async () => {
    const target = path.join(dir, 'target');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'x'); // renaming a file over a non-empty folder fails
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['target']);
  });
});

describe('moveAsideAsync', () => {
  it('keeps the extension last and never overwrites an earlier copy kept the same moment', async () => {
    const file = path.join(dir, 'settings.json');
    const nowMs = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
    fs.writeFileSync(file, 'one');
    const first = await moveAsideAsync(file, { nowMs });
    fs.writeFileSync(file, 'two');
    const second = await moveAsideAsync(file, { nowMs });
    expect(path.basename(first)).toBe('settings.corrupt-2026-01-02T03-04-05-006Z.json');
    expect(path.basename(second)).toBe('settings.corrupt-2026-01-02T03-04-05-006Z-2.json');
    expect([fs.readFileSync(first, 'utf8'), fs.readFileSync(second, 'utf8')]).toEqual(['one', 'two']);
    expect(fs.existsSync(file)).toBe(false);
  });
});
