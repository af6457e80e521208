// Snapshot files an import has written but not yet listed (its batch's journal line comes later) are not the
// orphans of a crash: the sweep that adopts those after an abrupt exit must leave them to the import.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotView } from '../../../src-shared/views';
import { JOURNAL_FILE } from '../../../src-main/core/history/layout';
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
