// Streaming export and import: NDJSON and JSON written snapshot by snapshot, read back record by record, with
// malformed records refused by line number while the rest imports, and all or nothing on request.
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../support/snapshots';
import type { ExportFormat, HistoryStore } from '../../../src-main/core/history';
import { exportFileSchema } from '../../../src-main/core/history/export-format';
import { openStore, tempDir } from './helpers';

async function seeded(n: number): Promise<HistoryStore> {
  const store = await openStore(tempDir());
  for (let i = 0; i < n; i++) await store.save(makeSnapshot(i, { hostPorts: 4 }));
  await store.setMeta({ hostPortId: makeSnapshot(0, { hostPorts: 4 }).hostPortId, note: 'a note', tags: ['t1'], pinned: true });
  return store;
}

async function exportToFile(store: HistoryStore, format: ExportFormat): Promise<string> {
  const path = join(tempDir(), `export.${format}`);
  const out = createWriteStream(path);
  await store.exportTo(out, format);
  out.end();
  await once(out, 'close');
  return path;
}

async function allSnapshots(store: HistoryStore): Promise<Map<string, unknown>> {
  const all = new Map<string, unknown>();
  for (const row of (await store.list({ limit: 500 })).items) for (const m of await store.snapshots(row.hostPortId)) all.set(m.id, await store.get(m.id));
  return all;
}

describe('streaming export and import', () => {
  it('round-trips NDJSON with a malformed record in the middle: that line is refused by number, the rest imports', async () => {
    const source = await seeded(12);
    const path = await exportToFile(source, 'ndjson');
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'portolan-history', version: 2 });
    expect(typeof JSON.parse(lines[0]!).exportedAt).toBe('string');
    // Line 7 (1-based) is a snapshot record; it is replaced by a damaged one, and a line of garbage follows it.
    const victim = JSON.parse(lines[6]!) as { type: string; snapshot: { id: string } };
    expect(victim.type).toBe('snapshot');
    const damaged = JSON.parse(lines[6]!);
    damaged.snapshot.hostPort = 'not an object';
    lines.splice(6, 1, JSON.stringify(damaged), '{"type":"snapshot", this is not json');
    writeFileSync(path, lines.join('\n'));

    const target = await openStore(tempDir());
    const report = await target.importFrom(() => createReadStream(path));
    expect(report).toMatchObject({ added: 11, skipped: 0, refused: 2 });
    expect(report.problems?.map((p) => p.line)).toEqual([7, 8]);
    const expected = await allSnapshots(source);
    expected.delete(victim.snapshot.id);
    expect(await allSnapshots(target)).toEqual(expected);
    expect((await target.list()).items.find((i) => i.pinned)?.note).toBe('a note');

    // A second import of the same file adds nothing and refuses the same two lines.
    expect(await target.importFrom(() => createReadStream(path))).toMatchObject({ added: 0, skipped: 11, refused: 2 });
  });

  it('all or nothing: one malformed record and nothing is written', async () => {
    const source = await seeded(6);
    const path = await exportToFile(source, 'ndjson');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(3, 0, '{"type":"snapshot","snapshot":{"id":"x"}}');
    writeFileSync(path, lines.join('\n'));
    const target = await openStore(tempDir());
    const report = await target.importFrom(() => createReadStream(path), { allOrNothing: true });
    expect(report).toMatchObject({ added: 0, aborted: true, refused: 1 });
    expect(report.problems?.[0]?.line).toBe(4);
    expect(target.stats().snapshots).toBe(0);
  });

  it('streams the versioned JSON export that the older importer reads, and imports it back as a stream', async () => {
    const source = await seeded(9);
    const path = await exportToFile(source, 'json');
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'portolan-history', version: 1 });
    // The whole document as older Portolans check it before importing.
    expect(exportFileSchema.safeParse(JSON.parse(text)).success).toBe(true);
    const viaStream = await openStore(tempDir());
    expect(await viaStream.importFrom(() => createReadStream(path, { highWaterMark: 1024 }))).toMatchObject({ added: 9, skipped: 0, refused: 0 });
    expect(await allSnapshots(viaStream)).toEqual(await allSnapshots(source));
  });

  it('refuses a file that is not an export, and one from a newer Portolan, without writing anything', async () => {
    const target = await openStore(tempDir());
    const foreign = join(tempDir(), 'x.ndjson');
    writeFileSync(foreign, '{"name":"package"}\n{"type":"snapshot"}\n');
    await expect(target.importFrom(() => createReadStream(foreign))).rejects.toMatchObject({ error: { kind: 'invalidInput' } });
    writeFileSync(foreign, '{"format":"portolan-history","version":9,"exportedAt":""}\n');
    await expect(target.importFrom(() => createReadStream(foreign))).rejects.toMatchObject({ error: { message: expect.stringMatching(/newer Portolan/) } });
    expect(target.stats().snapshots).toBe(0);
  });

  it('exports CSV as a stream with one header', async () => {
    const source = await seeded(3);
    const text = readFileSync(await exportToFile(source, 'csv'), 'utf8');
    expect(text.startsWith('\ufeffhostPortId,')).toBe(true);
    expect(text.match(/hostPortId,host,/g)).toHaveLength(1);
  });
});
