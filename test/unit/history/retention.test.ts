import { describe, expect, it } from 'vitest';
import type { RetentionPolicy } from '../../../src-main/core/history';
import { makeSnapshot } from '../../support/snapshots';
import { FakeClock, openStore, tempDir } from './helpers';

describe('retention', () => {
  it('keeps everything by default', async () => {
    const store = await openStore(tempDir());
    for (let i = 0; i < 6; i++) await store.save(makeSnapshot(i, { hostPorts: 1 }));
    expect(store.stats().snapshots).toBe(6);
  });

  it('keeps the newest N per hostPort, applied on save, following the current setting', async () => {
    const dir = tempDir();
    let policy: RetentionPolicy = { perHostPort: 3, days: null };
    const store = await openStore(dir, { retention: () => policy });
    const saved = [];
    for (let i = 0; i < 10; i += 2) saved.push(await store.save(makeSnapshot(i, { hostPorts: 2 })));
    await store.save(makeSnapshot(1, { hostPorts: 2 }));
    const hp = saved[0]!.hostPortId;
    expect((await store.snapshots(hp)).map((s) => s.id)).toEqual([saved[4]!.id, saved[3]!.id, saved[2]!.id]);
    await expect(store.get(saved[0]!.id)).rejects.toMatchObject({ error: { kind: 'notFound' } });

    policy = { perHostPort: 1, days: null };
    await store.save(makeSnapshot(12, { hostPorts: 2 }));
    expect((await store.snapshots(hp)).length).toBe(1);
    await store.close();
    expect((await (await openStore(dir)).snapshots(hp)).length).toBe(1);
  });

  it('drops snapshots older than D days across all hostPorts', async () => {
    const day = 86_400_000;
    const clock = new FakeClock(Date.UTC(2024, 5, 30));
    const store = await openStore(tempDir(), { clock, retention: () => ({ perHostPort: null, days: 7 }) });
    const at = (daysAgo: number, i: number) => ({ ...makeSnapshot(i, { hostPorts: 3 }), savedAt: new Date(clock.ms - daysAgo * day).toISOString() });
    // Saved while the policy was looser (same clock): the save of a fresh one applies the rule to all.
    await store.save(at(1, 0));
    await store.save(at(6, 1));
    expect(store.stats().snapshots).toBe(2);
    clock.ms += 3 * day; // now 4 and 9 days old
    await store.save(at(0, 2));
    expect(store.stats().snapshots).toBe(2);
    const left = (await store.list()).items.map((i) => i.snapshotCount).reduce((a, b) => a + b, 0);
    expect(left).toBe(2);
  });
});
