import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import { makeSnapshot } from '../../support/snapshots';
import { FakeClock, ManualScheduler, openStore, tempDir } from './helpers';

function countSnapshotFiles(dir: string): number {
  const root = join(dir, 'snapshots');
  if (!existsSync(root)) return 0;
  return readdirSync(root).reduce((n, b) => n + readdirSync(join(root, b)).filter((f) => f.endsWith('.json')).length, 0);
}

describe('notes, tags and pins', () => {
  it('stores them per hostPort, pins rows to the top, and keeps them across a reopen', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const old = await store.save(makeSnapshot(0, { hostPorts: 3 }));
    await store.save(makeSnapshot(1, { hostPorts: 3 }));
    await store.save(makeSnapshot(2, { hostPorts: 3 }));
    expect((await store.list()).items[0]!.hostPortId).not.toBe(old.hostPortId);

    await store.setMeta({ hostPortId: old.hostPortId, pinned: true, tags: [' triage ', 'Triage', 'apt29', ''], note: 'Check with the SOC' });
    await store.setMeta({ hostPortId: old.hostPortId, note: 'Checked: benign' });
    const top = (await store.list()).items[0]!;
    expect(top).toMatchObject({ hostPortId: old.hostPortId, pinned: true, tags: ['triage', 'apt29'], note: 'Checked: benign' });

    await store.close();
    const again = await openStore(dir);
    expect((await again.list()).items[0]).toMatchObject({ hostPortId: old.hostPortId, pinned: true, tags: ['triage', 'apt29'], note: 'Checked: benign' });
    await again.setMeta({ hostPortId: old.hostPortId, pinned: false });
    expect((await again.list()).items[0]!.hostPortId).not.toBe(old.hostPortId);
    await expect(again.setMeta({ hostPortId: 'unknown', note: 'x' })).rejects.toMatchObject({ error: { kind: 'notFound' } });
  });
});

describe('delete and undo', () => {
  it('deletes one snapshot and undoes it, on disk as well as in the list', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const a = await store.save(makeSnapshot(0, { hostPorts: 1 }));
    const b = await store.save(makeSnapshot(1, { hostPorts: 1 }));
    const del = await store.delete({ snapshotId: b.id });
    expect(del.removed).toBe(1);
    expect((await store.snapshots(a.hostPortId)).map((s) => s.id)).toEqual([a.id]);
    await expect(store.get(b.id)).rejects.toMatchObject({ error: { kind: 'notFound' } });
    expect(countSnapshotFiles(dir)).toBe(1);

    expect(await store.undo(del.undoToken)).toEqual({ restored: 1 });
    expect((await store.snapshots(a.hostPortId)).map((s) => s.id)).toEqual([b.id, a.id]);
    expect((await store.get(b.id)).raw).toBe(makeSnapshot(1, { hostPorts: 1 }).raw);
    await expect(store.undo(del.undoToken)).rejects.toMatchObject({ error: { kind: 'notFound' } });

    // Undo is journalled: the restore survives a restart.
    await store.close();
    const again = await openStore(dir);
    expect((await again.snapshots(a.hostPortId)).length).toBe(2);
  });

  it('deletes a whole hostPort with its notes, and undo brings both back', async () => {
    const store = await openStore(tempDir());
    const a = await store.save(makeSnapshot(0, { hostPorts: 2 }));
    await store.save(makeSnapshot(2, { hostPorts: 2 }));
    await store.save(makeSnapshot(1, { hostPorts: 2 }));
    await store.setMeta({ hostPortId: a.hostPortId, note: 'keep me', tags: ['x'] });
    const del = await store.delete({ hostPortId: a.hostPortId });
    expect(del.removed).toBe(2);
    expect((await store.list()).total).toBe(1);
    await store.undo(del.undoToken);
    const row = (await store.list()).items.find((i) => i.hostPortId === a.hostPortId);
    expect(row).toMatchObject({ snapshotCount: 2, note: 'keep me', tags: ['x'] });
  });

  it('makes a deletion permanent once the undo has expired or the store was closed', async () => {
    const clock = new FakeClock();
    const dir = tempDir();
    const store = await openStore(dir, { clock });
    const a = await store.save(makeSnapshot(0, { hostPorts: 1 }));
    const del = await store.delete({ snapshotId: a.id });
    clock.ms += 31 * 60 * 1000;
    await expect(store.undo(del.undoToken)).rejects.toMatchObject({ error: { kind: 'notFound' } });
    expect(countSnapshotFiles(dir)).toBe(0);
    expect(readdirSync(join(dir, 'trash'))).toEqual([]);
    await store.close();
    const again = await openStore(dir, { clock });
    expect(again.stats().snapshots).toBe(0);
    await expect(again.delete({ snapshotId: 'nope' })).rejects.toMatchObject({ error: { kind: 'notFound' } });
    await expect(again.delete({})).rejects.toMatchObject({ error: { kind: 'invalidInput' } });
  });

  it('empties the previous session\'s trash without touching this session\'s undoable deletions', async () => {
    const dir = tempDir();
    const first = await openStore(dir);
    const a = await first.save(makeSnapshot(0, { hostPorts: 2 }));
    const b = await first.save(makeSnapshot(1, { hostPorts: 2 }));
    const oldDel = await first.delete({ snapshotId: a.id });
    // Simulates a crash: no close(), so the trashed file is still on disk at the next open.
    expect(readdirSync(join(dir, 'trash'))).toHaveLength(1);
    const scheduler = new ManualScheduler();
    const second = await openStore(dir, { tuning: { searchLoadDelayMs: 0 }, scheduler });
    await expect(second.undo(oldDel.undoToken)).rejects.toMatchObject({ error: { kind: 'notFound' } });
    const del = await second.delete({ snapshotId: b.id });
    scheduler.runAll(); // the purge of the previous session's trash runs after this session's deletion
    expect(await second.undo(del.undoToken)).toEqual({ restored: 1 });
    expect((await second.get(b.id)).id).toBe(b.id);
    await expect(second.get(a.id)).rejects.toMatchObject({ error: { kind: 'notFound' } });
    await second.close(); // waits for the background purge
    expect(readdirSync(dir).filter((f) => f.startsWith('trash-purge-'))).toEqual([]);
    const third = await openStore(dir);
    expect((await third.get(b.id)).id).toBe(b.id);
  });

  it('clears everything, files included, and stays cleared after a reopen', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    for (let i = 0; i < 5; i++) await store.save(makeSnapshot(i, { hostPorts: 3 }));
    await store.setMeta({ hostPortId: makeSnapshot(0, { hostPorts: 3 }).hostPortId, note: 'n' });
    expect(await store.clear()).toEqual({ removed: 5 });
    expect((await store.list()).total).toBe(0);
    expect(countSnapshotFiles(dir)).toBe(0);
    const fresh = await store.save(makeSnapshot(9, { hostPorts: 3 }));
    await store.close();
    const again = await openStore(dir);
    const page = await again.list();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ latestSnapshotId: fresh.id, note: '' });
  });
});

describe('what the history does not hold', () => {
  it('is a notFound with a history code, so the UI never calls it a Graph "never observed"', async () => {
    const store = await openStore(tempDir());
    await expect(store.get('missing')).rejects.toMatchObject({ error: { kind: 'notFound', code: ERROR_CODES.HISTORY_SNAPSHOT_NOT_FOUND } });
    await expect(store.delete({ snapshotId: 'missing' })).rejects.toMatchObject({ error: { code: ERROR_CODES.HISTORY_SNAPSHOT_NOT_FOUND } });
    await expect(store.delete({ hostPortId: 'missing' })).rejects.toMatchObject({ error: { code: ERROR_CODES.HISTORY_HOST_PORT_NOT_FOUND } });
    await expect(store.setMeta({ hostPortId: 'missing', note: 'x' })).rejects.toMatchObject({ error: { code: ERROR_CODES.HISTORY_HOST_PORT_NOT_FOUND } });
    await expect(store.undo('u-gone')).rejects.toMatchObject({ error: { kind: 'notFound', code: ERROR_CODES.HISTORY_UNDO_EXPIRED } });
    await store.close();
  });
});
