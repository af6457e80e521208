import { existsSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from '../../unit/history/helpers';

const GARBAGE = '{"format":"portolan-history-index", this is not json';

async function seeded(dir: string, n = 5, tuning?: { journalMaxRecords: number }) {
  const store = await openStore(dir, tuning ? { tuning: { ...tuning, searchLoadDelayMs: -1 } } : {});
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await store.save(makeSnapshot(i, { hostPorts: 2 }))).id);
  await store.setMeta({ hostPortId: makeSnapshot(0, { hostPorts: 2 }).hostPortId, note: 'precious note' });
  await store.close();
  return ids;
}

const asideFiles = (dir: string, prefix: string): string[] => readdirSync(dir).filter((f) => f.startsWith(prefix) && f.includes('.corrupt-'));

describe('damaged files are moved aside, never lost, and the app keeps working', () => {
  it('rebuilds a damaged index from the snapshot files and keeps the damaged file', async () => {
    const dir = tempDir();
    const ids = await seeded(dir, 5, { journalMaxRecords: 2 });
    writeFileSync(join(dir, 'history-index.json'), GARBAGE);
    const store = await openStore(dir);
    const aside = asideFiles(dir, 'history-index.');
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(GARBAGE);
    expect(store.notices.join('\n')).toMatch(/history index was damaged.*kept as/);
    expect(store.stats().snapshots).toBe(5);
    for (const id of ids) expect((await store.get(id)).id).toBe(id);
    expect((await store.list({ text: 'precious' })).total).toBe(1);
    await store.save(makeSnapshot(9, { hostPorts: 2 }));
    await store.close();
    const again = await openStore(dir);
    expect(again.notices).toEqual([]);
    expect(again.stats().snapshots).toBe(6);
  });

  it('keeps a damaged notes file aside and starts a new one', async () => {
    const dir = tempDir();
    await seeded(dir, 2);
    writeFileSync(join(dir, 'history-meta.json'), '\u0000\u0000garbage');
    const store = await openStore(dir);
    expect(asideFiles(dir, 'history-meta.')).toHaveLength(1);
    expect(store.notices.join('\n')).toMatch(/notes, tags and pins file was damaged/);
    expect(store.stats().snapshots).toBe(2);
    const row = (await store.list()).items[0]!;
    await store.setMeta({ hostPortId: row.hostPortId, tags: ['again'] });
    expect((await store.list({ tag: 'again' })).total).toBe(1);
  });

  it('moves a damaged snapshot file aside, says so, and drops it from the list', async () => {
    const dir = tempDir();
    const ids = await seeded(dir, 3);
    const bucket = readdirSync(join(dir, 'snapshots'))[0]!;
    const victim = readdirSync(join(dir, 'snapshots', bucket)).find((f) => f.endsWith('.json'))!;
    const victimId = victim.replace(/\.json$/, '');
    writeFileSync(join(dir, 'snapshots', bucket, victim), '{"format":"portolan-snap');
    const store = await openStore(dir);
    await expect(store.get(victimId)).rejects.toMatchObject({ error: { kind: 'storage', message: expect.stringMatching(/damaged.*kept as/) } });
    expect(readdirSync(join(dir, 'snapshots', bucket)).some((f) => f.startsWith(`${victimId}.corrupt-`))).toBe(true);
    expect(store.notices).toHaveLength(1);
    expect(store.stats().snapshots).toBe(2);
    for (const id of ids.filter((i) => i !== victimId)) expect((await store.get(id)).id).toBe(id);
    await store.close();
    expect((await openStore(dir)).stats().snapshots).toBe(2);
  });

  it('rebuilds damaged search text from the snapshots', async () => {
    const dir = tempDir();
    await seeded(dir, 4, { journalMaxRecords: 2 });
    expect(existsSync(join(dir, 'history-search.json'))).toBe(true);
    writeFileSync(join(dir, 'history-search.json'), '[[[');
    const store = await openStore(dir);
    const banner = makeSnapshot(0, { hostPorts: 2 }).hostPort.banners[0]!.banner.slice(0, 12);
    expect((await store.list({ text: `"${banner}"` })).total).toBeGreaterThan(0);
    expect(asideFiles(dir, 'history-search.')).toHaveLength(1);
    expect(store.notices.join('\n')).toMatch(/search text file was damaged/);
  });

  it('survives a torn journal tail and damaged journal lines, keeping a copy of the damaged journal', async () => {
    const dir = tempDir();
    const ids = await seeded(dir, 3);
    const journal = join(dir, 'history-journal.ndjson');
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines.splice(1, 0, '{"g":0,"t":"add","r":[broken');
    writeFileSync(journal, lines.join('\n') + '{"g":0,"t":"add","r":["half-writ');
    const store = await openStore(dir);
    expect(store.stats().snapshots).toBe(3);
    for (const id of ids) expect((await store.get(id)).id).toBe(id);
    expect(store.notices.join('\n')).toMatch(/1 damaged line/);
    expect(readdirSync(dir).some((f) => f.startsWith('history-journal.corrupt-'))).toBe(true);
    await store.save(makeSnapshot(7, { hostPorts: 2 }));
    await store.close();
    const again = await openStore(dir);
    expect(again.notices).toEqual([]);
    expect(again.stats().snapshots).toBe(4);
  });

  it('refuses to touch a history written by a newer schema version', async () => {
    const dir = tempDir();
    await seeded(dir, 2, { journalMaxRecords: 1 });
    const indexPath = join(dir, 'history-index.json');
    const index = JSON.parse(readFileSync(indexPath, 'utf8'));
    index.schemaVersion = 3;
    const text = JSON.stringify(index);
    writeFileSync(indexPath, text);
    appendFileSync(join(dir, 'history-journal.ndjson'), '');
    await expect(openStore(dir)).rejects.toMatchObject({ error: { kind: 'storage', message: expect.stringMatching(/newer version/) } });
    expect(readFileSync(indexPath, 'utf8')).toBe(text);
  });
});
