import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import type { V1File, V1Snapshot } from '../../../src-main/core/history';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from '../../unit/history/helpers';

/** Writes history.json exactly as the v1 build did: one conf store, one array. */
function writeV1(dir: string, file: V1File): void {
  const conf = new Conf<Record<string, unknown>>({ configName: 'history', cwd: dir, projectName: 'portolan' });
  conf.set({ schemaVersion: file.schemaVersion, snapshots: file.snapshots, meta: file.meta });
}

function v1(i: number, id: string): V1Snapshot {
  const s = makeSnapshot(i, { hostPorts: 3 });
  return { id, hostPortId: s.hostPortId, host: s.host, port: s.port, savedAt: Date.parse(s.savedAt!), cloud: s.cloud, tenant: s.tenant, username: s.account, source: s.source, request: s.request, raw: s.raw, view: s.hostPort };
}

describe('migration from schema v1', () => {
  it('moves every v1 snapshot and note into the v2 layout, keeps the old file, and does it once', async () => {
    const dir = tempDir();
    const snapshots = [v1(0, 'old-0'), v1(1, 'old-1'), v1(2, 'old-2'), v1(3, 'old-3')];
    const broken = { ...v1(4, 'old-4'), savedAt: Number.NaN } as V1Snapshot;
    const hp0 = snapshots[0]!.hostPortId;
    writeV1(dir, { schemaVersion: 1, snapshots: [...snapshots, broken], meta: { [hp0]: { note: 'from v1', tags: ['legacy'], pinned: true } } });
    const original = readFileSync(join(dir, 'history.json'), 'utf8');

    const store = await openStore(dir);
    expect(store.notices.join('\n')).toMatch(/upgraded to the new storage format \(4 snapshot\(s\), 1 unreadable entry skipped\)/);
    expect(existsSync(join(dir, 'history.json'))).toBe(false);
    const kept = readdirSync(dir).filter((f) => f.startsWith('history.v1-migrated-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe(original);

    expect(store.stats().snapshots).toBe(4);
    const got = await store.get('old-1');
    const input = makeSnapshot(1, { hostPorts: 3 });
    expect(got).toMatchObject({ account: input.account, savedAt: new Date(Date.parse(input.savedAt!)).toISOString(), raw: input.raw, hostPort: input.hostPort });
    expect((await store.list()).items[0]).toMatchObject({ hostPortId: hp0, pinned: true, note: 'from v1', tags: ['legacy'] });
    expect((await store.list({ text: input.hostPort.banners[0]!.banner.slice(0, 10).split(/\s/)[0] })).total).toBeGreaterThan(0);

    await store.save(makeSnapshot(5, { hostPorts: 3 }));
    await store.close();
    const again = await openStore(dir);
    expect(again.notices).toEqual([]);
    expect(again.stats().snapshots).toBe(5);
  });

  it('keeps a damaged v1 file aside instead of migrating or deleting it', async () => {
    const dir = tempDir();
    writeV1(dir, { schemaVersion: 1, snapshots: [v1(0, 'a')], meta: {} });
    const path = join(dir, 'history.json');
    const damaged = readFileSync(path, 'utf8').slice(0, 200);
    writeFileSync(path, damaged);
    const store = await openStore(dir);
    expect(store.notices.join('\n')).toMatch(/earlier version was damaged/);
    const aside = readdirSync(dir).filter((f) => f.startsWith('history.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(damaged);
    expect(store.stats().snapshots).toBe(0);
  });
});
