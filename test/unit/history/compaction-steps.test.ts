import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexPieces, searchPieces, STEP } from '../../../src-main/core/history/compaction-steps';
import type { SnapRec } from '../../../src-main/core/history/records';
import { encodeRec } from '../../../src-main/core/history/records';
import { makeSnapshot } from '../../support/snapshots';
import { ManualScheduler, openStore, tempDir } from './helpers';

function rec(i: number): SnapRec {
  return { id: `id-${i}`, hostPortId: `hp-${i % 7}`, host: i % 3 ? `h${i}.example` : null, port: i % 5 ? 443 : null, savedAt: '2024-01-01T00:00:00.000Z', ms: i, status: 'open', protocol: 'tcp', bannerCount: 1, serviceCount: 2, hash: `hash-${i}` };
}

async function collect(pieces: AsyncIterable<string> | Iterable<string>): Promise<string> {
  let out = '';
  for await (const p of pieces) out += p;
  return out;
}

describe('background compaction in steps', () => {
  it('the index and search text built in steps are the documents built in one go, and other work runs between the steps', async () => {
    const recs = Array.from({ length: STEP * 2 + 17 }, (_, i) => rec(i));
    expect(await collect(indexPieces(recs))).toBe(JSON.stringify(recs.map(encodeRec)));
    expect(await collect(indexPieces([]))).toBe('[]');

    const terms = new Map(recs.map((r, i) => [r.id, [`t${i % 11}`, `u"${i % 3}\n`, 'shared']]));
    let turns = 0;
    const text = await collect(searchPieces(recs, (id) => terms.get(id), async () => void turns++));
    expect(turns).toBeGreaterThanOrEqual(3);
    const { strings, refs } = JSON.parse(text) as { strings: string[]; refs: [string, ...number[]][] };
    expect(new Set(strings).size).toBe(strings.length);
    expect(refs.map(([id, ...idx]) => [id, idx.map((k) => strings[k])])).toEqual(recs.map((r) => [r.id, terms.get(r.id)]));
  });

  it('a save made while a background compaction is between steps is kept, and the files are written in conf format', async () => {
    const dir = tempDir();
    const scheduler = new ManualScheduler();
    let turns = 0;
    let saveBetweenSteps: Promise<unknown> | null = null;
    const store = await openStore(dir, {
      scheduler,
      tuning: {
        searchLoadDelayMs: -1,
        journalMaxRecords: 3,
        compactionTurn: async () => {
          turns++;
          // The first step is done; a lookup is saved before the next one.
          if (turns === 1) saveBetweenSteps = store.save(makeSnapshot(3, { hostPorts: 4 }));
          await saveBetweenSteps;
        },
      },
    });
    for (let i = 0; i < 3; i++) await store.save(makeSnapshot(i, { hostPorts: 4 }));
    scheduler.runAll();
    await store.close();
    expect(turns).toBeGreaterThan(1);

    const indexText = readFileSync(join(dir, 'history-index.json'), 'utf8');
    const index = JSON.parse(indexText) as { records: string; generation: number };
    expect(indexText).toBe(JSON.stringify(index, undefined, '\t'));
    // The compaction captured the three saves made before it started; the fourth stayed in the journal.
    expect((JSON.parse(index.records) as unknown[]).length).toBe(3);
    const searchText = readFileSync(join(dir, 'history-search.json'), 'utf8');
    expect(searchText).toBe(JSON.stringify(JSON.parse(searchText), undefined, '\t'));

    const reopened = await openStore(dir);
    expect(reopened.stats().snapshots).toBe(4);
    expect((await reopened.list({ text: (await reopened.list({ limit: 1 })).items[0]!.hostPortId })).total).toBeGreaterThan(0);
  });
});
