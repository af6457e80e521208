// The import's file writer on a real worker thread and a real disk: files in place and whole, one failure kept to
// its own file, and no file lost when the worker cannot start or stops part way.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileWriter } from '../../../src-main/core/history/file-writer';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portolan-writer-'));
  dirs.push(d);
  return d;
}

const text = (i: number): string => JSON.stringify({ n: i, body: 'x'.repeat(i * 37) });
const item = (dir: string, i: number) => ({ tmp: join(dir, `.f${i}.tmp`), path: join(dir, `f${i}.json`) });

/** A worker script of our own making, for the ways a real one can fail. */
function script(dir: string, source: string): { entry: string; execArgv: string[] } {
  const entry = join(dir, 'writer.mjs');
  writeFileSync(entry, source);
  return { entry, execArgv: [] };
}

describe('the import file writer', () => {
  it('writes every file on its worker thread: in place, whole, private to the user, no temp file left', async () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    mkdirSync(a);
    mkdirSync(b);
    const writer = new FileWriter();
    const writes = Array.from({ length: 100 }, (_, i) => {
      const { tmp, path } = item(i % 2 ? a : b, i);
      return writer.write(tmp, path, text(i));
    });
    await Promise.all(writes);
    expect(writer.threaded).toBe(true);
    for (let i = 0; i < 100; i++) {
      const { path } = item(i % 2 ? a : b, i);
      expect(readFileSync(path, 'utf8')).toBe(text(i));
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    expect([...readdirSync(a), ...readdirSync(b)].filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await writer.close();
  });

  it('a file that cannot be written fails alone, with its error code; the others of its batch are in place', async () => {
    const dir = tempDir();
    const writer = new FileWriter();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => {
        const { tmp, path } = item(i === 3 ? join(dir, 'missing-folder') : dir, i);
        return writer.write(tmp, path, text(i));
      }),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 3 ? 'rejected' : 'fulfilled')));
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir).sort()).toEqual(Array.from({ length: 10 }, (_, i) => i).filter((i) => i !== 3).map((i) => `f${i}.json`).sort());
    await writer.close();
  });

  it('without a worker entry, writes on the calling thread, and a failure there is a rejected promise too', async () => {
    const dir = tempDir();
    const writer = new FileWriter(null);
    await writer.write(join(dir, '.x.tmp'), join(dir, 'x.json'), '{"a":1}');
    expect(writer.threaded).toBe(false);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('{"a":1}');
    const missing = join(dir, 'missing-folder');
    await expect(writer.write(join(missing, '.y.tmp'), join(missing, 'y.json'), '{}')).rejects.toMatchObject({ code: 'ENOENT' });
    await writer.close();
  });

  it('a worker that cannot start: everything it was sent is written on the calling thread instead', async () => {
    const dir = tempDir();
    const writer = new FileWriter(script(dir, "throw new Error('this writer cannot load');\n"));
    await Promise.all(Array.from({ length: 40 }, (_, i) => writer.write(item(dir, i).tmp, item(dir, i).path, text(i))));
    expect(writer.threaded).toBe(false);
    for (let i = 0; i < 40; i++) expect(readFileSync(item(dir, i).path, 'utf8')).toBe(text(i));
    await writer.close();
  });

  it('a worker that stops part way: the writes it held fail with the reason, later ones are written here', async () => {
    const dir = tempDir();
    const entry = script(dir, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\nparentPort.postMessage({ t: 'ready' });\n");
    const writer = new FileWriter(entry);
    const held = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => writer.write(item(dir, i).tmp, item(dir, i).path, text(i))));
    expect(held.every((o) => o.status === 'rejected' && /stopped \(exit code 3\)/.test(String(o.reason)))).toBe(true);
    await writer.write(item(dir, 9).tmp, item(dir, 9).path, text(9));
    expect(readFileSync(item(dir, 9).path, 'utf8')).toBe(text(9));
    await writer.close();
  });

  it('close() waits for every write asked for', async () => {
    const dir = tempDir();
    const writer = new FileWriter();
    for (let i = 0; i < 50; i++) void writer.write(item(dir, i).tmp, item(dir, i).path, text(i));
    await writer.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(50);
  });
});
