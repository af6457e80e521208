import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../support/snapshots';
import { FakeClock, openStore, tempDir } from './helpers';

describe('history store: save, list, get', () => {
  it('saves snapshots durably and lists one row per hostPort, newest first, with counts', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const a1 = await store.save(makeSnapshot(0, { hostPorts: 2 }));
    const b1 = await store.save(makeSnapshot(1, { hostPorts: 2 }));
    const a2 = await store.save(makeSnapshot(2, { hostPorts: 2 }));
    expect(a1.hostPortId).toBe(a2.hostPortId);
    expect(b1.hostPortId).not.toBe(a1.hostPortId);

    const page = await store.list();
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.hostPortId)).toEqual([a2.hostPortId, b1.hostPortId]);
    expect(page.items[0]).toMatchObject({ snapshotCount: 2, latestSnapshotId: a2.id, latestAt: a2.savedAt, status: a2.status });
    expect((await store.snapshots(a1.hostPortId)).map((s) => s.id)).toEqual([a2.id, a1.id]);

    const input = makeSnapshot(2, { hostPorts: 2 });
    const got = await store.get(a2.id);
    expect(got.raw).toBe(input.raw);
    expect(got.hostPort).toEqual(input.hostPort);
    expect(got.request).toEqual(input.request);
    expect(got.account).toBe('analyst@contoso.com');

    // Reopening from disk (no close: as after a crash) gives the same history.
    const again = await openStore(dir);
    expect((await again.list()).items).toEqual(page.items);
    expect((await again.get(b1.id)).raw).toBe(makeSnapshot(1, { hostPorts: 2 }).raw);
  });

  it('pages with offset and limit and reports the total', async () => {
    const store = await openStore(tempDir());
    for (let i = 0; i < 7; i++) await store.save(makeSnapshot(i, { hostPorts: 7 }));
    const first = await store.list({ limit: 3 });
    const second = await store.list({ limit: 3, offset: 3 });
    const third = await store.list({ limit: 3, offset: 6 });
    expect([first.total, second.total, third.total]).toEqual([7, 7, 7]);
    const ids = [...first.items, ...second.items, ...third.items].map((i) => i.hostPortId);
    expect(new Set(ids).size).toBe(7);
  });

  it('uses the clock when no savedAt is given, and rejects an invalid snapshot', async () => {
    const clock = new FakeClock(Date.UTC(2025, 0, 2, 3, 4, 5));
    const store = await openStore(tempDir(), { clock });
    const { savedAt: _drop, ...input } = makeSnapshot(0);
    const meta = await store.save(input);
    expect(meta.savedAt).toBe('2025-01-02T03:04:05.000Z');
    await expect(store.save({ ...input, hostPortId: '' })).rejects.toMatchObject({ error: { kind: 'invalidInput' } });
    await expect(store.save({ ...input, savedAt: 'not a date' })).rejects.toMatchObject({ error: { kind: 'invalidInput' } });
    expect(store.stats().snapshots).toBe(1);
  });

  it('finds the latest snapshot by hostPort id or by host and port, for offline use', async () => {
    const store = await openStore(tempDir());
    const s0 = makeSnapshot(0, { hostPorts: 1 });
    await store.save(s0);
    const newest = await store.save(makeSnapshot(1, { hostPorts: 1 }));
    expect((await store.latestFor({ hostPortId: s0.hostPortId }))?.id).toBe(newest.id);
    expect((await store.latestFor({ host: s0.host!.toUpperCase(), port: s0.port! }))?.id).toBe(newest.id);
    expect(await store.latestFor({ host: 'nowhere.invalid', port: 1 })).toBeNull();
    await expect(store.get('missing-id')).rejects.toMatchObject({ error: { kind: 'notFound' } });
  });
});
