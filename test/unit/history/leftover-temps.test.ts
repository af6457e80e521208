// A write cut short by a crash leaves its temp file beside the snapshots. After an abrupt exit the sweep removes
// those, and nothing else: snapshot files and files set aside as damaged stay.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_DIR } from '../../../src-main/core/history/layout';
import { makeSnapshot } from '../../support/snapshots';
import { ManualScheduler, openStore, tempDir } from './helpers';

describe('leftover temp files', () => {
  it('the sweep after an abrupt exit removes interrupted writes and keeps every other file', async () => {
    const dir = tempDir();
    const scheduler = new ManualScheduler();
    // A new folder has no clean close on record, so the sweep is scheduled.
    const store = await openStore(dir, { scheduler, tuning: { searchLoadDelayMs: -1, sweepDelayMs: 0 } });
    const saved = await store.save(makeSnapshot(1));
    const [bucket] = readdirSync(join(dir, SNAPSHOT_DIR));
    const folder = join(dir, SNAPSHOT_DIR, bucket!);
    const before = readdirSync(folder).sort();
    const leftovers = [`.${saved.id}-x.4242-7.tmp`, `${saved.id}.json.tmp-1767225600abc123`];
    const kept = [`${saved.id}.json.corrupt-2026-01-01T00-00-00Z`, 'notes.txt', '.hidden.tmp.json'];
    for (const f of [...leftovers, ...kept]) writeFileSync(join(folder, f), '{"half": ');

    scheduler.runAll();

    expect(readdirSync(folder).sort()).toEqual([...before, ...kept].sort());
    expect((await store.get(saved.id)).id).toBe(saved.id);
    await store.close();
  });
});
