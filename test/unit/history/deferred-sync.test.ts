// Saves are flushed to the disk just after they return: the files, their folders, then the journal, and before any
// journal append that must come after them on disk.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeferredSync } from '../../../src-main/core/history/deferred-sync';
import { Journal } from '../../../src-main/core/history/journal';
import { JOURNAL_FILE } from '../../../src-main/core/history/layout';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from './helpers';

function files(dir: string): { journal: string; a: string; b: string; sub: string } {
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  const paths = { journal: join(dir, 'journal.ndjson'), a: join(sub, 'a.json'), b: join(sub, 'b.json'), sub };
  for (const p of [paths.journal, paths.a, paths.b]) writeFileSync(p, '{}');
  return paths;
}

describe('DeferredSync', () => {
  it('holds what a save noted until its flush on a later turn, then holds nothing', async () => {
    const dir = tempDir();
    const p = files(dir);
    const errors: unknown[] = [];
    const sync = new DeferredSync(() => p.journal, (e) => errors.push(e));
    sync.note(p.a, [p.sub]);
    sync.note(p.b, [p.sub, dir]);
    // Not in the save's own turn.
    expect(sync.pending).toBe(4);
    await sync.settle();
    expect(sync.pending).toBe(0);
    expect(errors).toEqual([]);
  });

  it('flushes thousands of noted files, a few at a time', async () => {
    const dir = tempDir();
    const p = files(dir);
    const many = Array.from({ length: 3000 }, (_, i) => join(p.sub, `f${i}.json`));
    for (const f of many) writeFileSync(f, '{}');
    const errors: unknown[] = [];
    const sync = new DeferredSync(() => p.journal, (e) => errors.push(e));
    for (const f of many) sync.note(f, [p.sub]);
    expect(sync.pending).toBe(3001);
    await sync.settle();
    expect(errors).toEqual([]);
    expect(sync.pending).toBe(0);
  });

  it('syncNow flushes everything noted at once, and a file moved away since it was noted needs nothing', async () => {
    const dir = tempDir();
    const p = files(dir);
    const errors: unknown[] = [];
    const sync = new DeferredSync(() => p.journal, (e) => errors.push(e));
    sync.note(p.a, [p.sub]);
    renameSync(p.b, join(dir, 'moved.json'));
    sync.note(p.b, []);
    sync.syncNow();
    expect(sync.pending).toBe(0);
    await sync.settle();
    expect(errors).toEqual([]);
  });

  it('a flush that fails is reported and keeps its files noted for the next try', async () => {
    const dir = tempDir();
    const p = files(dir);
    const errors: unknown[] = [];
    const sync = new DeferredSync(() => p.journal, (e) => errors.push(e));
    // A folder cannot be opened for writing: the flush of this "file" fails (EISDIR).
    sync.note(p.sub, []);
    await sync.settle();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/EISDIR/);
    expect(sync.pending).toBe(1);
    expect(() => sync.syncNow()).toThrow(/EISDIR/);
  });
});

describe('the journal flushes deferred saves before its own lines', () => {
  it('append, keepFrom and reset call beforeSync; write does not', () => {
    const dir = tempDir();
    const { journal } = Journal.open(join(dir, 'j.ndjson'), () => join(dir, 'aside'));
    const calls: string[] = [];
    journal.beforeSync = () => calls.push(readFileSync(join(dir, 'j.ndjson'), 'utf8').trim().split('\n').filter(Boolean).length.toString());
    journal.write([{ g: 0, t: 'clear' }]);
    expect(calls).toEqual([]);
    const mark = journal.mark();
    journal.append([{ g: 0, t: 'close' }]);
    // Called with both lines already written: the hook runs between the write and the flush.
    expect(calls).toEqual(['2']);
    journal.keepFrom(mark);
    journal.reset();
    expect(calls).toHaveLength(3);
    journal.close();
  });

  it('a save returns with its file and journal line written (a crash of the process keeps both); close leaves nothing pending', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { tuning: { searchLoadDelayMs: -1 } });
    const meta = await store.save(makeSnapshot(1, { hostPorts: 1 }));
    const journal = readFileSync(join(dir, JOURNAL_FILE), 'utf8');
    expect(journal).toContain(`"${meta.id}"`);
    expect((await store.get(meta.id)).id).toBe(meta.id);
    await store.close();
    const again = await openStore(dir);
    expect(again.notices).toEqual([]);
    expect((await again.get(meta.id)).id).toBe(meta.id);
  });
});
