import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../support/snapshots';
import { ManualScheduler, openStore, tempDir } from '../../unit/history/helpers';

const GARBAGE = '{"format":"portolan-history-index", this is not json';

async function seeded(dir: string, n = 5, tuning?: { journalMaxRecords: number }) {
  const store = await openStore(dir, tuning ? { tuning: { ...tuning, searchLoadDelayMs: -1 } } : {});
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await store.save(makeSnapshot(i, { hostPorts: 2 }))).id);
  await store.setMeta({ hostPortId: makeSnapshot(0, { hostPorts: 2 }).hostPortId, note: 'precious note' });
  await store.close();
  return ids;
}

/** Every path, mode and byte under `dir`, hashed: equal before and after means nothing was written. */
function folderHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      h.update(`${p}\0${st.mode}\0`);
      if (st.isDirectory()) walk(p);
      else h.update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
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

  it('a damaged journal line after an abrupt exit: the intact snapshot file is rebuilt into the list, never swept away', async () => {
    const dir = tempDir();
    // No compaction during the saves, so every save is a journal line the index does not hold yet.
    const store = await openStore(dir, { tuning: { journalMaxRecords: 1000, searchLoadDelayMs: -1 } });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await store.save(makeSnapshot(i, { hostPorts: 4 }))).id);
    await store.close();
    const journal = join(dir, 'history-journal.ndjson');
    const lines = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    const victim = lines.findIndex((l) => l.includes(ids[1]!));
    expect(victim).toBeGreaterThanOrEqual(0);
    lines[victim] = '{"g":0,"t":"add","r":[garbage';
    // Drop the clean-exit marker, as if the last session was killed.
    writeFileSync(journal, `${lines.filter((l) => !l.includes('"t":"close"')).join('\n')}\n`);

    const scheduler = new ManualScheduler();
    const reopened = await openStore(dir, { scheduler });
    expect(reopened.notices.join('\n')).toMatch(/damaged line/);
    expect(reopened.stats().snapshots).toBe(4);
    expect((await reopened.get(ids[1]!)).id).toBe(ids[1]);
    // The sweep of unreferenced files runs 2 s after an abrupt exit; the snapshot must survive it.
    expect(scheduler.pending).toContain(2000);
    scheduler.runAll();
    expect((await reopened.get(ids[1]!)).id).toBe(ids[1]);
    await reopened.close();
    const third = await openStore(dir);
    expect(third.stats().snapshots).toBe(4);
  });

  it('an index with unreadable records is rebuilt from the files, so no snapshot is dropped', async () => {
    const dir = tempDir();
    const ids = await seeded(dir, 5, { journalMaxRecords: 2 });
    const indexFile = join(dir, 'history-index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { records: string };
    const records = JSON.parse(index.records) as unknown[];
    expect(records.length).toBeGreaterThan(1);
    records[0] = ['not', 'a', 'record'];
    writeFileSync(indexFile, JSON.stringify({ ...index, records: JSON.stringify(records) }));
    const store = await openStore(dir);
    expect(store.notices.join('\n')).toMatch(/unreadable index record.*kept as.*rebuilt/);
    expect(asideFiles(dir, 'history-index.')).toHaveLength(1);
    expect(store.stats().snapshots).toBe(5);
    for (const id of ids) expect((await store.get(id)).id).toBe(id);
  });

  it('opens a history written by a newer schema version read-only and changes nothing on disk', async () => {
    const dir = tempDir();
    const ids = await seeded(dir, 2, { journalMaxRecords: 1 });
    const indexPath = join(dir, 'history-index.json');
    const index = JSON.parse(readFileSync(indexPath, 'utf8'));
    index.schemaVersion = 3;
    const text = JSON.stringify(index);
    writeFileSync(indexPath, text);
    appendFileSync(join(dir, 'history-journal.ndjson'), '');
    const before = folderHash(dir);
    const scheduler = new ManualScheduler();
    const store = await openStore(dir, { scheduler });
    expect(store.mode).toBe('readOnly');
    expect(store.notices.join('\n')).toMatch(/newer version of Portolan.*read-only/);
    expect((await store.list()).total).toBe(2);
    for (const id of ids) expect((await store.get(id)).id).toBe(id);
    expect((await store.list({ text: 'precious' })).total).toBe(1);
    const readOnly = { error: { kind: 'storage', message: expect.stringMatching(/newer version.*read-only/) } };
    await expect(store.save(makeSnapshot(5, { hostPorts: 2 }))).rejects.toMatchObject(readOnly);
    await expect(store.delete({ snapshotId: ids[0]! })).rejects.toMatchObject(readOnly);
    await expect(store.setMeta({ hostPortId: makeSnapshot(0, { hostPorts: 2 }).hostPortId, note: 'x' })).rejects.toMatchObject(readOnly);
    await expect(store.clear()).rejects.toMatchObject(readOnly);
    scheduler.runAll();
    await store.close();
    expect(folderHash(dir)).toBe(before);
  });
});
