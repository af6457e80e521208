// Long opaque hostPort ids are saved and found again; every history file and folder is for the user alone.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-shared/contract';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from './helpers';

describe('a hostPort id longer than 512 characters', () => {
  const longId = `${'QUJD'.repeat(150)}==`; // 602 characters, base64-looking like the ids Graph returns

  it('is saved, listed, found by id and deleted', async () => {
    const store = await openStore(tempDir());
    const saved = await store.save({ ...makeSnapshot(0, { hostPorts: 1 }), hostPortId: longId });
    expect(saved.hostPortId).toBe(longId);
    expect((await store.list({ hostPortId: longId })).total).toBe(1);
    expect((await store.get(saved.id)).hostPortId).toBe(longId);
    expect((await store.latestFor({ hostPortId: longId }))?.id).toBe(saved.id);
    expect((await store.delete({ hostPortId: longId })).removed).toBe(1);
  });

  it('passes the IPC contract for history requests (the id came back from Graph, so it must be reachable again)', async () => {
    const echo = async (req: unknown) => ({ ok: true as const, value: req });
    const handlers = new Proxy({}, { get: () => echo }) as Parameters<typeof dispatch>[0];
    expect((await dispatch(handlers, 'history:list', { hostPortId: longId })).ok).toBe(true);
    expect((await dispatch(handlers, 'history:snapshots', { hostPortId: longId })).ok).toBe(true);
    expect((await dispatch(handlers, 'history:delete', { hostPortId: longId })).ok).toBe(true);
    expect((await dispatch(handlers, 'history:setMeta', { hostPortId: longId, note: 'n' })).ok).toBe(true);
    expect((await dispatch(handlers, 'history:exportToFile', { format: 'json', hostPortIds: [longId] })).ok).toBe(true);
  });
});

describe.skipIf(process.platform === 'win32')('history file modes', () => {
  function walk(dir: string, out: { path: string; mode: number; dir: boolean }[] = []) {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      out.push({ path: p, mode: st.mode & 0o777, dir: st.isDirectory() });
      if (st.isDirectory()) walk(p, out);
    }
    return out;
  }

  it('creates 0700 folders and 0600 files: snapshots, index, search, notes, journal, trash and kept-aside copies', async () => {
    const root = tempDir();
    const dir = join(root, 'history');
    let store = await openStore(dir, { tuning: { journalMaxRecords: 3, searchLoadDelayMs: -1 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await store.save(makeSnapshot(i, { hostPorts: 2 }))).id);
    await store.setMeta({ hostPortId: makeSnapshot(0, { hostPorts: 2 }).hostPortId, note: 'n' });
    await store.delete({ snapshotId: ids[0]! });
    await store.close();
    // Damage that is kept aside: a meta file of garbage and a journal with a damaged line.
    writeFileSync(join(dir, 'history-meta.json'), 'garbage', { mode: 0o644 });
    writeFileSync(join(dir, 'history-journal.ndjson'), 'not a journal line\n', { mode: 0o644 });
    mkdirSync(join(dir, 'trash'), { recursive: true, mode: 0o755 });
    store = await openStore(dir);
    await store.save(makeSnapshot(9, { hostPorts: 2 }));
    await store.delete({ snapshotId: ids[1]! });

    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const entries = walk(dir);
    const names = entries.map((e) => e.path.slice(dir.length + 1));
    expect(names).toEqual(
      expect.arrayContaining(['history-index.json', 'history-search.json', 'history-journal.ndjson', 'snapshots', 'trash', `trash/${ids[1]}.json`]),
    );
    expect(names.some((n) => /^history-meta\.corrupt-.*\.json$/.test(n))).toBe(true);
    expect(names.some((n) => /^history-journal\.corrupt-.*\.ndjson$/.test(n))).toBe(true);
    for (const e of entries) expect({ path: e.path, mode: e.mode.toString(8) }).toEqual({ path: e.path, mode: e.dir ? '700' : '600' });
  });
});
