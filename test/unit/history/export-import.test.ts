import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../support/snapshots';
import type { ExportFormat, HistoryStore } from '../../../src-main/core/history';
import { csvCell } from '../../../src-main/core/history/export-csv';
import { exportFileSchema } from '../../../src-main/core/history/export-format';
import { openStore, tempDir } from './helpers';

function treeDigest(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

async function seeded(n = 6) {
  const dir = tempDir();
  const store = await openStore(dir);
  for (let i = 0; i < n; i++) await store.save(makeSnapshot(i, { hostPorts: 3 }));
  await store.setMeta({ hostPortId: makeSnapshot(0, { hostPorts: 3 }).hostPortId, note: 'note', tags: ['t1'], pinned: true });
  return { dir, store };
}

/** An export streamed into memory (the test's documents are small). */
async function exported(store: HistoryStore, format: ExportFormat, hostPortIds?: string[]): Promise<string> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  await store.exportTo(out, format, hostPortIds);
  return chunks.join('');
}

/** Imports `text` through the streaming importer, in small pieces. */
function importText(store: HistoryStore, text: string, allOrNothing = false) {
  return store.importFrom(
    async function* () {
      for (let i = 0; i < text.length; i += 4096) yield text.slice(i, i + 4096);
    },
    { allOrNothing },
  );
}

describe('export and import', () => {
  it('round-trips every snapshot losslessly into an empty store through the versioned JSON export, and a second import adds nothing', async () => {
    const { store } = await seeded();
    const content = await exported(store, 'json');
    const file = JSON.parse(content);
    expect(file).toMatchObject({ format: 'portolan-history', version: 1 });
    // The whole document as older Portolans check it before importing.
    expect(exportFileSchema.safeParse(file).success).toBe(true);

    const target = await openStore(tempDir());
    expect(await importText(target, content)).toMatchObject({ added: 6, skipped: 0, refused: 0 });
    expect((await target.list()).items).toEqual((await store.list()).items);
    for (const row of (await store.list()).items) {
      for (const meta of await store.snapshots(row.hostPortId)) expect(await target.get(meta.id)).toEqual(await store.get(meta.id));
    }
    expect(await importText(target, content)).toMatchObject({ added: 0, skipped: 6, refused: 0 });
    expect(target.stats().snapshots).toBe(6);
  });

  it('skips a snapshot it already holds under another id (same content hash) and merges tags', async () => {
    const { store } = await seeded(2);
    const file = JSON.parse(await exported(store, 'json'));
    file.hostPorts[0].snapshots[0].id = 'renamed-elsewhere';
    file.hostPorts[0].meta.tags = ['t2'];
    const report = await importText(store, JSON.stringify(file));
    expect(report).toMatchObject({ added: 0, skipped: 2, refused: 0 });
    const tagged = (await store.list()).items.find((i) => i.hostPortId === file.hostPorts[0].meta.hostPortId)!;
    expect(tagged.tags).toContain('t2');
  });

  it('exports only the chosen hostPorts', async () => {
    const { store } = await seeded();
    const one = makeSnapshot(1, { hostPorts: 3 }).hostPortId;
    const file = JSON.parse(await exported(store, 'json', [one]));
    expect(file.hostPorts.map((h: { meta: { hostPortId: string } }) => h.meta.hostPortId)).toEqual([one]);
  });

  it.each([
    ['not JSON', 'this is not json', /not valid JSON/],
    ['a foreign JSON file', JSON.stringify({ name: 'package', version: 1 }), /not a Portolan history export/],
    ['a newer version', JSON.stringify({ format: 'portolan-history', version: 99, exportedAt: '', hostPorts: [] }), /newer Portolan/],
  ])('rejects %s with a clear message and changes nothing', async (_name, content, message) => {
    const { dir, store } = await seeded(3);
    await store.searchReady();
    const before = treeDigest(dir);
    await expect(importText(store, content)).rejects.toMatchObject({ error: { kind: 'invalidInput', message: expect.stringMatching(message) } });
    expect(treeDigest(dir)).toBe(before);
    expect(store.stats().snapshots).toBe(3);
  });

  it('all or nothing: a file damaged deep inside (after valid snapshots) imports none of it, and names the damage', async () => {
    const { store } = await seeded(4);
    const file = JSON.parse(await exported(store, 'json'));
    const target = await openStore(tempDir());
    const last = file.hostPorts[file.hostPorts.length - 1];
    last.snapshots[last.snapshots.length - 1].hostPort.banners = 'oops';
    const damaged = await importText(target, JSON.stringify(file), true);
    expect(damaged).toMatchObject({ added: 0, aborted: true, refused: 1 });
    expect(damaged.problems?.[0]?.message).toMatch(/banners/);
    expect(target.stats().snapshots).toBe(0);
    file.hostPorts[0].snapshots[0].hostPortId = 'someone-else';
    expect(await importText(target, JSON.stringify(file), true)).toMatchObject({ added: 0, aborted: true, refused: 2 });
    expect(target.stats().snapshots).toBe(0);
  });

  it('writes CSV with one row per banner and per service, escaped and defused', async () => {
    const store = await openStore(tempDir());
    const input = makeSnapshot(0, { hostPorts: 1 });
    const hp = structuredClone(input.hostPort);
    hp.banners = [{ ...hp.banners[0]!, banner: '=HYPERLINK("http://evil.example","click")' }, { ...hp.banners[0]!, banner: 'line1\r\nline2, "quoted"' }];
    hp.services = [{ ...hp.services[0]!, component: { ...hp.services[0]!.component!, name: '@SUM(A1)', version: '-1+2' } }];
    await store.save({ ...input, hostPort: hp });
    const text = (await exported(store, 'csv')).replace(/^\ufeff/, '');
    const records = text.split('\r\n').filter(Boolean);
    expect(records[0]!.split(',')).toContain('banner');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain('"line1\r\nline2, ""quoted"""');
    expect(text).toContain(`,"'@SUM(A1)","'-1+2",`);
    // 2 banner rows (the header also has a "banner" column) and 1 service row; the multi-line banner is one cell
    expect(text.match(/,banner,/g)?.length).toBe(3);
    expect(text.match(/,service,/g)?.length).toBe(1);
  });

  it('defuses every formula prefix and leaves harmless cells alone', () => {
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx'].map(csvCell)).toEqual([`"'=1"`, `"'+1"`, `"'-1"`, `"'@x"`, `"'\tx"`, `"'\rx"`]);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(' padded ')).toBe('" padded "');
  });
});
