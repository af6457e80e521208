// The snapshot files are the truth: a lost, emptied or damaged journal or index is rebuilt from them, files
// without a journal line are added back, and only what the user deleted ever leaves the snapshots folder.
// The housekeeping that runs after an abrupt exit is driven by hand through an injected scheduler.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../support/snapshots';
import { ManualScheduler, openStore, tempDir } from '../../unit/history/helpers';

const JOURNAL = 'history-journal.ndjson';

function snapshotFiles(dir: string): string[] {
  const root = join(dir, 'snapshots');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((b) => readdirSync(join(root, b)).filter((f) => /^[A-Za-z0-9_-]+\.json$/.test(f)));
}

async function seeded(dir: string, n: number): Promise<string[]> {
  const store = await openStore(dir, { tuning: { journalMaxRecords: 1000, searchLoadDelayMs: -1 } });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await store.save(makeSnapshot(i, { hostPorts: 3 }))).id);
  await store.close();
  return ids;
}

/** Rewrites the journal as if the last session was killed: no 'close' line, and only the lines `keep` accepts. */
function killedSession(dir: string, keep: (line: string) => boolean = () => true, extra: string[] = []): void {
  const lines = readFileSync(join(dir, JOURNAL), 'utf8').split('\n').filter((l) => l && !l.includes('"t":"close"') && keep(l));
  writeFileSync(join(dir, JOURNAL), [...lines, ...extra].map((l) => `${l}\n`).join(''));
}

async function reopen(dir: string) {
  const scheduler = new ManualScheduler();
  const store = await openStore(dir, { scheduler, tuning: { searchLoadDelayMs: -1 } });
  return { store, scheduler };
}

describe('history recovery never loses a kept snapshot', () => {
  it('a deleted journal: every snapshot is listed again and the post-crash sweep removes none', async () => {
    const dir = tempDir();
    const ids = await seeded(dir, 4);
    rmSync(join(dir, JOURNAL));
    const { store, scheduler } = await reopen(dir);
    expect(scheduler.pending).toContain(2000);
    scheduler.runAll();
    expect(snapshotFiles(dir)).toHaveLength(4);
    expect(store.stats().snapshots).toBe(4);
    for (const id of ids) expect((await store.get(id)).id).toBe(id);
    expect(store.notices.join('\n')).toMatch(/journal was missing; the list was rebuilt/);
    await store.close();
    const again = await reopen(dir);
    again.scheduler.runAll();
    expect(again.store.stats().snapshots).toBe(4);
    expect(snapshotFiles(dir)).toHaveLength(4);
  });

  it('an emptied journal: the same', async () => {
    const dir = tempDir();
    await seeded(dir, 3);
    writeFileSync(join(dir, JOURNAL), '');
    const { store, scheduler } = await reopen(dir);
    scheduler.runAll();
    expect(snapshotFiles(dir)).toHaveLength(3);
    expect(store.stats().snapshots).toBe(3);
    expect(store.notices.join('\n')).toMatch(/journal was empty/);
  });

  it('a snapshot file whose journal line never made it is added back to the list, not deleted', async () => {
    const dir = tempDir();
    const ids = await seeded(dir, 3);
    killedSession(dir, (l) => !l.includes(ids[1]!));
    const { store, scheduler } = await reopen(dir);
    expect(store.stats().snapshots).toBe(2);
    scheduler.runAll();
    expect(snapshotFiles(dir)).toHaveLength(3);
    expect(store.stats().snapshots).toBe(3);
    expect((await store.get(ids[1]!)).id).toBe(ids[1]);
    expect(store.notices.join('\n')).toMatch(/1 saved snapshot\(s\).*added back/);
    await store.close();
    // The adoption was journalled: the next open lists it without another sweep.
    const again = await reopen(dir);
    expect(again.store.stats().snapshots).toBe(3);
  });

  it('a deletion whose file had not moved yet when the session died stays deleted', async () => {
    const dir = tempDir();
    const ids = await seeded(dir, 3);
    const store = await openStore(dir, { tuning: { journalMaxRecords: 1000, searchLoadDelayMs: -1 } });
    const original = readdirSync(join(dir, 'snapshots'))
      .map((b) => join(dir, 'snapshots', b, `${ids[0]}.json`))
      .find((f) => existsSync(f))!;
    await store.delete({ snapshotId: ids[0]! });
    // Put the file back where it was, as if the process died between the journal line and the move.
    const trashFile = join(dir, 'trash', `${ids[0]}.json`);
    writeFileSync(original, readFileSync(trashFile));
    rmSync(trashFile);
    killedSession(dir);
    (store as unknown as { closed: boolean }).closed = true; // the killed session writes nothing more
    const { store: next, scheduler } = await reopen(dir);
    scheduler.runAll();
    expect(next.stats().snapshots).toBe(2);
    await expect(next.get(ids[0]!)).rejects.toMatchObject({ error: { kind: 'notFound' } });
    expect(snapshotFiles(dir)).not.toContain(`${ids[0]}.json`);
    expect(snapshotFiles(dir)).toHaveLength(2);
  });

  it('a clear interrupted after its journal line finishes at the next open and brings nothing back', async () => {
    const dir = tempDir();
    await seeded(dir, 3);
    killedSession(dir, () => true, ['{"g":0,"t":"clear"}']);
    const { store, scheduler } = await reopen(dir);
    scheduler.runAll();
    expect(store.stats().snapshots).toBe(0);
    expect(snapshotFiles(dir)).toHaveLength(0);
    await store.save(makeSnapshot(8, { hostPorts: 3 }));
    await store.close();
    const again = await reopen(dir);
    again.scheduler.runAll();
    expect(again.store.stats().snapshots).toBe(1);
  });
});
