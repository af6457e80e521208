import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../support/snapshots';
import { csvCell } from '../../../src-main/core/history/export-csv';
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

describe('export and import', () => {
  it('round-trips every snapshot losslessly into an empty store, and a second import adds nothing', async () => {
    const { store } = await seeded();
    const exported = await store.exportJson();
    expect(exported.mime).toBe('application/json');
    expect(exported.filename).toMatch(/^portolan-history-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(exported.content);
    expect(file).toMatchObject({ format: 'portolan-history', version: 1 });

    const target = await openStore(tempDir());
    expect(await target.import(exported.content)).toEqual({ added: 6, skipped: 0 });
    expect((await target.list()).items).toEqual((await store.list()).items);
    for (const row of (await store.list()).items) {
      for (const meta of await store.snapshots(row.hostPortId)) expect(await target.get(meta.id)).toEqual(await store.get(meta.id));
    }
    expect(await target.import(exported.content)).toEqual({ added: 0, skipped: 6 });
    expect(target.stats().snapshots).toBe(6);
  });

  it('skips a snapshot it already holds under another id (same content hash) and merges tags', async () => {
    const { store } = await seeded(2);
    const file = JSON.parse((await store.exportJson()).content);
    file.hostPorts[0].snapshots[0].id = 'renamed-elsewhere';
    file.hostPorts[0].meta.tags = ['t2'];
    const report = await store.import(JSON.stringify(file));
    expect(report).toEqual({ added: 0, skipped: 2 });
    const tagged = (await store.list()).items.find((i) => i.hostPortId === file.hostPorts[0].meta.hostPortId)!;
    expect(tagged.tags).toContain('t2');
  });

  it('exports only the chosen hostPorts', async () => {
    const { store } = await seeded();
    const one = makeSnapshot(1, { hostPorts: 3 }).hostPortId;
    const file = JSON.parse((await store.exportJson([one])).content);
    expect(file.hostPorts.map((h: { meta: { hostPortId: string } }) => h.meta.hostPortId)).toEqual([one]);
  });

  it.each([
    ['not JSON', 'this is not json', /not valid JSON/],
    ['a foreign JSON file', JSON.stringify({ name: 'package', version: 1 }), /not a Portolan history export/],
    ['a newer version', JSON.stringify({ format: 'portolan-history', version: 99, exportedAt: '', hostPorts: [] }), /newer Portolan/],
  ])('rejects %s with a clear message and changes nothing', async (_name, content, message) => {
    const { dir, store } = await seeded(3);
    const before = treeDigest(dir);
    await expect(store.import(content)).rejects.toMatchObject({ error: { kind: 'invalidInput', message: expect.stringMatching(message) } });
    expect(treeDigest(dir)).toBe(before);
    expect(store.stats().snapshots).toBe(3);
  });

  it('rejects a file damaged deep inside (after valid snapshots) without importing any of it', async () => {
    const { store } = await seeded(4);
    const file = JSON.parse((await store.exportJson()).content);
    const target = await openStore(tempDir());
    const last = file.hostPorts[file.hostPorts.length - 1];
    last.snapshots[last.snapshots.length - 1].hostPort.banners = 'oops';
    await expect(target.import(JSON.stringify(file))).rejects.toMatchObject({ error: { kind: 'invalidInput', message: expect.stringMatching(/banners/) } });
    expect(target.stats().snapshots).toBe(0);
    last.snapshots[0].hostPortId = 'someone-else';
    await expect(target.import(JSON.stringify(file))).rejects.toMatchObject({ error: { kind: 'invalidInput' } });
    expect(target.stats().snapshots).toBe(0);
  });

  it('writes CSV with one row per banner and per service, escaped and defused', async () => {
    const store = await openStore(tempDir());
    const input = makeSnapshot(0, { hostPorts: 1 });
    const hp = structuredClone(input.hostPort);
    hp.banners = [{ ...hp.banners[0]!, banner: '=HYPERLINK("http://evil.example","click")' }, { ...hp.banners[0]!, banner: 'line1\r\nline2, "quoted"' }];
    hp.services = [{ ...hp.services[0]!, component: { ...hp.services[0]!.component!, name: '@SUM(A1)', version: '-1+2' } }];
    await store.save({ ...input, hostPort: hp });
    const csv = await store.exportCsv();
    expect(csv.mime).toBe('text/csv');
    const text = csv.content.replace(/^\ufeff/, '');
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
