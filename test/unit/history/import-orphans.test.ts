// Snapshot files an import has written but not yet listed (its batch's journal line comes later) are not the
// orphans of a crash: the sweep that adopts those after an abrupt exit must leave them to the import. And a file
// an import cannot write ends it without listing that snapshot or leaving its temp file behind.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotView } from '../../../src-shared/views';
import { JOURNAL_FILE, SNAPSHOT_DIR, hostPortDir } from '../../../src-main/core/history/layout';
import { makeSnapshotView } from '../../support/snapshots';
import { ManualScheduler, openStore, tempDir } from './helpers';

const view = (i: number): SnapshotView => makeSnapshotView(i, { id: `0000000${i}-abc`, hostPorts: 3 });

describe('import and the orphan sweep', () => {
  it('the sweep running in the middle of an import adopts none of the files the import has yet to list', async () => {
    const dir = tempDir();
    const scheduler = new ManualScheduler();
    // A new folder has no clean close on record, so the sweep is scheduled.
    const store = await openStore(dir, { scheduler, tuning: { searchLoadDelayMs: -1, sweepDelayMs: 0 } });
    const lines = [JSON.stringify({ format: 'portolan-history', version: 2, exportedAt: '2026-01-01T00:00:00.000Z' })];
    for (let i = 0; i < 5; i++) lines.push(JSON.stringify({ type: 'snapshot', snapshot: view(i) }));
    let reached!: () => void;
    const atGate = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const importing = store.importFrom(async function* () {
      yield lines.join('\n') + '\n';
      // Every record above is written by the time the import asks for more.
      reached();
      await gate;
    });
    await atGate;
    scheduler.runAll();
    release();
    expect(await importing).toMatchObject({ added: 5, skipped: 0, refused: 0 });
    expect(store.notices.filter((n) => /added back/.test(n))).toEqual([]);
    const journal = readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n').filter(Boolean);
    expect(journal.filter((l) => JSON.parse(l).t === 'add')).toHaveLength(5);
  });
});

describe('an import whose file cannot be written', () => {
  it('stops with a storage failure, lists what was written, leaves no temp file and never lists the one that failed', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { tuning: { searchLoadDelayMs: -1 } });
    const views = Array.from({ length: 40 }, (_, i) => makeSnapshotView(i, { id: `00000${String(i).padStart(3, '0')}-abc`, hostPorts: 3 }));
    // A folder where the 5th snapshot's file must go: renaming its temp file into place fails (EISDIR).
    const blocked = views[4]!;
    mkdirSync(join(hostPortDir(dir, blocked.hostPortId), `${blocked.id}.json`), { recursive: true });
    const lines = [JSON.stringify({ format: 'portolan-history', version: 2, exportedAt: '2026-01-01T00:00:00.000Z' })];
    for (const v of views) lines.push(JSON.stringify({ type: 'snapshot', snapshot: v }));
    const failure = await store.importFrom(async function* () {
      yield lines.join('\n') + '\n';
    }).then(
      () => null,
      (err: unknown) => err as { error: { kind: string; message: string; detail?: string } },
    );
    expect(failure?.error.kind).toBe('storage');
    expect(failure?.error.message).toMatch(/Could not import the history/);
    expect(failure?.error.detail).toContain(blocked.id);
    const listed = new Set<string>();
    for (const hp of new Set(views.map((v) => v.hostPortId))) for (const m of await store.snapshots(hp).catch(() => [])) listed.add(m.id);
    expect(listed.has(blocked.id)).toBe(false);
    // Those before the failure were written and are listed, each with its file.
    for (const v of views.slice(0, 4)) expect(listed.has(v.id)).toBe(true);
    for (const id of listed) expect((await store.get(id)).id).toBe(id);
    const temps = readdirSync(join(dir, SNAPSHOT_DIR), { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
    expect(temps).toEqual([]);
    await store.close();
    const reopened = await openStore(dir, { tuning: { searchLoadDelayMs: -1 } });
    expect(reopened.stats().snapshots).toBe(listed.size);
  });
});
