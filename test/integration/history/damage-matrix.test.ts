// Every kind of damage to every file that only lists the snapshots, and to the history folder itself: the app
// (createCore with the demo source) still starts and looks up, no snapshot file is lost (also after the post-crash
// housekeeping has run), the user is told, and whatever was damaged is kept aside.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/app';
import { createAesEncryptor } from '../../../src-main/core/auth';
import { confKvFactory } from '../../../src-main/core/history';
import type { KvStoreFactory } from '../../../src-main/core/ports';
import { dispatch } from '../../../src-shared/contract';
import { makeSnapshot } from '../../support/snapshots';
import { ManualScheduler, openStore, tempDir } from '../../unit/history/helpers';
import { installNetworkGuard, type NetworkGuard } from '../auth/network-guard';

let guard: NetworkGuard;
beforeAll(() => {
  guard = installNetworkGuard();
});
afterAll(() => guard.restore());

const SEEDED = 6;
type Target = 'index' | 'journal' | 'search' | 'meta';
type Damage = 'truncate' | 'delete' | 'garbage' | 'folder' | 'newer';
const FILES: Record<Target, string> = {
  index: 'history-index.json',
  journal: 'history-journal.ndjson',
  search: 'history-search.json',
  meta: 'history-meta.json',
};

/** A history with every file present: compacted once (index, search), notes, and journal lines after that. */
async function seed(userData: string): Promise<string> {
  const dir = join(userData, 'history');
  const store = await openStore(dir, { tuning: { journalMaxRecords: 4, searchLoadDelayMs: -1 } });
  for (let i = 0; i < SEEDED; i++) await store.save(makeSnapshot(i, { hostPorts: 3 }));
  await store.setMeta({ hostPortId: makeSnapshot(0, { hostPorts: 3 }).hostPortId, note: 'keep me' });
  await store.close();
  for (const f of Object.values(FILES)) expect(existsSync(join(dir, f)), f).toBe(true);
  return dir;
}

function snapshotFiles(dir: string): string[] {
  const root = join(dir, 'snapshots');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((b) => readdirSync(join(root, b)).filter((f) => /^[A-Za-z0-9_-]+\.json$/.test(f)));
}

function damage(path: string, how: Damage): void {
  if (how === 'truncate') writeFileSync(path, '');
  else if (how === 'delete') rmSync(path);
  else if (how === 'garbage') writeFileSync(path, randomBytes(3000));
  else if (how === 'folder') {
    rmSync(path);
    mkdirSync(path);
    writeFileSync(join(path, 'inside.txt'), 'x');
  } else if (path.endsWith('.ndjson')) {
    // A journal from a newer version: record types this one does not know.
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"g":1,"t":"tag","v":3,"ids":["x"]}\n`);
  } else {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...data, schemaVersion: 3 }));
  }
}

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

async function startCore(userData: string, scheduler: ManualScheduler, kv: KvStoreFactory = confKvFactory): Promise<Core> {
  return createCore({
    userDataDir: userData,
    version: '0.0.0-test',
    preview: true,
    demo: true,
    kv,
    encryptor: createAesEncryptor(),
    historyScheduler: scheduler,
    openBrowser: async () => {
      throw new Error('no browser in this test');
    },
    openExternal: async () => false,
  });
}

/**
 * What the user is told. A deleted search or notes file cannot be told apart from one never written (both are
 * written only when needed); search text is rebuilt silently, notes are gone with their file.
 */
function expectedNotice(target: Target, how: Damage): RegExp {
  if (how === 'delete' && (target === 'search' || target === 'meta')) return /^$|./;
  if (target === 'meta') return /notes, tags and pins file was damaged or unreadable; it was kept as/;
  if (target === 'search') return /search text file was damaged or unreadable; it was kept as/;
  if (target === 'index') return how === 'delete' ? /history index was missing; it was rebuilt/ : /history index was damaged.*kept as.*rebuilt/;
  if (how === 'delete') return /journal was missing; the list was rebuilt/;
  if (how === 'truncate') return /journal was empty; the list was rebuilt/;
  if (how === 'folder') return /journal was damaged or unreadable; it was kept as.*rebuilt/;
  return /damaged line\(s\) in the history journal.*copy of the journal was kept as/;
}

const call = (c: Core, channel: string, payload: unknown = {}) => dispatch(c.handlers, channel, payload);

async function lookupWorks(c: Core): Promise<{ snapshotId: string | null; saveError?: { kind: string; message: string } }> {
  const r = await call(c, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
  expect(r.ok).toBe(true);
  return (r as { value: { snapshotId: string | null; saveError?: { kind: string; message: string } } }).value;
}

async function notices(c: Core): Promise<string> {
  const info = await call(c, 'app:info');
  expect(info.ok).toBe(true);
  return (info as { value: { storageNotices: string[] } }).value.storageNotices.join('\n');
}

const cases: [Target, Damage][] = [];
for (const t of Object.keys(FILES) as Target[]) for (const d of ['truncate', 'delete', 'garbage', 'folder', 'newer'] as Damage[]) cases.push([t, d]);

describe('history damage never stops the app and never loses a snapshot', () => {
  it.each(cases)('%s file, %s', async (target, how) => {
    const userData = tempDir();
    const dir = await seed(userData);
    const path = join(dir, FILES[target]);
    damage(path, how);
    const damaged = existsSync(path) && statSync(path).isFile() && statSync(path).size > 0 ? readFileSync(path) : null;
    const readOnly = how === 'newer' && target !== 'journal';
    const before = readOnly ? folderHash(dir) : '';

    const scheduler = new ManualScheduler();
    const core = await startCore(userData, scheduler);
    try {
      const result = await lookupWorks(core);
      scheduler.runAll();
      await call(core, 'history:list', { text: 'keep' });
      const told = await notices(core);

      if (readOnly) {
        expect(told).toMatch(/newer version of Portolan.*read-only/);
        expect(result.snapshotId).toBeNull();
        expect(result.saveError).toMatchObject({ kind: 'storage', message: expect.stringMatching(/read-only/) });
        expect(await call(core, 'history:list', {})).toMatchObject({ ok: true, value: { total: 3 } });
      } else {
        expect(result.saveError).toBeUndefined();
        expect(result.snapshotId).toEqual(expect.any(String));
        expect(told).toMatch(expectedNotice(target, how));
      }
      expect(snapshotFiles(dir).length).toBe(readOnly ? SEEDED : SEEDED + 1);
      const list = await call(core, 'history:list', {});
      expect(list).toMatchObject({ ok: true });
    } finally {
      await core.dispose();
    }
    if (readOnly) expect(folderHash(dir)).toBe(before);
    expect(snapshotFiles(dir).length).toBe(readOnly ? SEEDED : SEEDED + 1);

    // What was damaged is kept beside where it was, byte for byte (a deleted or emptied file had nothing to keep).
    const base = FILES[target].replace(/\.(json|ndjson)$/, '');
    const kept = readdirSync(dir).filter((f) => f.startsWith(`${base}.corrupt-`));
    if (how === 'folder') expect(kept.some((k) => statSync(join(dir, k)).isDirectory() && existsSync(join(dir, k, 'inside.txt')))).toBe(true);
    else if (damaged && !readOnly) expect(kept.some((k) => readFileSync(join(dir, k)).equals(damaged)), `${base} kept aside`).toBe(true);

    // The next start sees every snapshot, the new one included, and (but for a read-only history) no more damage.
    const scheduler2 = new ManualScheduler();
    const again = await startCore(userData, scheduler2);
    try {
      scheduler2.runAll();
      const list = await call(again, 'history:list', {});
      const total = (list as { value: { items: { snapshotCount: number }[] } }).value.items.reduce((n, i) => n + i.snapshotCount, 0);
      expect(total).toBe(readOnly ? SEEDED : SEEDED + 1);
      if (!readOnly) expect(await notices(again)).toBe('');
    } finally {
      await again.dispose();
    }
    expect(snapshotFiles(dir).length).toBe(readOnly ? SEEDED : SEEDED + 1);
  });

  it('history/ being a file: the file is kept aside, a new history starts, lookups are saved', async () => {
    const userData = tempDir();
    const dir = await seed(userData);
    renameSync(dir, join(userData, 'history-original'));
    writeFileSync(dir, 'not a folder');
    const scheduler = new ManualScheduler();
    const core = await startCore(userData, scheduler);
    try {
      expect(await notices(core)).toMatch(/other than a folder.*kept as .*history\.not-a-folder-/);
      expect((await lookupWorks(core)).snapshotId).toEqual(expect.any(String));
      scheduler.runAll();
    } finally {
      await core.dispose();
    }
    const kept = readdirSync(userData).filter((f) => f.startsWith('history.not-a-folder-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(userData, kept[0]!), 'utf8')).toBe('not a folder');
    expect(snapshotFiles(dir)).toHaveLength(1);
  });

  it('an index the system refuses to read (EACCES): kept aside, rebuilt from the snapshots', async () => {
    const userData = tempDir();
    const dir = await seed(userData);
    const refusing: KvStoreFactory = (o) => {
      if (o.name === 'history-index' && existsSync(join(o.cwd, 'history-index.json'))) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${join(o.cwd, 'history-index.json')}'`), { code: 'EACCES' });
      }
      return confKvFactory(o);
    };
    const scheduler = new ManualScheduler();
    const core = await startCore(userData, scheduler, refusing);
    try {
      expect(await notices(core)).toMatch(/history index was damaged or unreadable; it was kept as/);
      expect((await lookupWorks(core)).snapshotId).toEqual(expect.any(String));
      scheduler.runAll();
      const list = await call(core, 'history:list', {});
      const total = (list as { value: { items: { snapshotCount: number }[] } }).value.items.reduce((n, i) => n + i.snapshotCount, 0);
      expect(total).toBe(SEEDED + 1);
    } finally {
      await core.dispose();
    }
    expect(readdirSync(dir).some((f) => f.startsWith('history-index.corrupt-'))).toBe(true);
    expect(snapshotFiles(dir)).toHaveLength(SEEDED + 1);
  });

  it('a history folder that cannot be opened at all: left untouched, lookups work with a session-only history', async () => {
    const userData = tempDir();
    const dir = await seed(userData);
    const before = folderHash(dir);
    const broken: KvStoreFactory = (o) => {
      if (o.cwd === dir) throw Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
      return confKvFactory(o);
    };
    const scheduler = new ManualScheduler();
    const core = await startCore(userData, scheduler, broken);
    try {
      expect(await notices(core)).toMatch(/could not be opened.*Nothing in it was changed.*only until Portolan closes/);
      const r = await lookupWorks(core);
      expect(r.snapshotId).toEqual(expect.any(String));
      expect(await call(core, 'history:get', { snapshotId: r.snapshotId })).toMatchObject({ ok: true });
      scheduler.runAll();
    } finally {
      await core.dispose();
    }
    expect(folderHash(dir)).toBe(before);
  });
});
