// The older versioned JSON export (one document) is read as a stream: a record in the middle that is not valid
// JSON, or not a valid snapshot, is refused by its position and the rest imports; damage to the document's
// structure stops the reading at a reported line and character.
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { HistoryStore } from '../../../src-main/core/history';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from './helpers';

async function legacyDocument(n: number): Promise<{ source: HistoryStore; doc: { hostPorts: { meta: { hostPortId: string }; snapshots: unknown[] }[] } }> {
  const source = await openStore(tempDir());
  for (let i = 0; i < n; i++) await source.save(makeSnapshot(i, { hostPorts: 3 }));
  await source.setMeta({ hostPortId: makeSnapshot(1, { hostPorts: 3 }).hostPortId, note: 'kept', tags: ['legacy'], pinned: false });
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await source.exportTo(out, 'json');
  return { source, doc: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
}

/** The document as the older exporter wrote it (one-space indentation), with `replace` applied to its text. */
function writeLegacy(doc: unknown, replace: (text: string) => string = (t) => t): string {
  const path = join(tempDir(), 'history.json');
  writeFileSync(path, replace(JSON.stringify(doc, null, 1)));
  return path;
}

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('importing the older JSON export as a stream', () => {
  it('refuses a record in the middle that is not valid JSON, and one that is not a snapshot, by position; the rest imports', async () => {
    const { doc } = await legacyDocument(9);
    const entry = doc.hostPorts[1]!;
    expect(entry.snapshots.length).toBeGreaterThanOrEqual(2);
    (entry.snapshots[1] as { savedAt: unknown }).savedAt = 12;
    let text = '';
    const path = writeLegacy(doc, (t) => {
      // The first snapshot of the second entry gets a doubled comma: its brackets balance, its JSON does not parse.
      const id = (entry.snapshots[0] as { id: string }).id;
      text = t.replace(`"id": "${id}",`, `"id": "${id}",,`);
      return text;
    });
    const badId = (entry.snapshots[0] as { id: string }).id;
    const target = await openStore(tempDir());
    const report = await target.importFrom(() => createReadStream(path, { highWaterMark: 7 }));
    expect(report).toMatchObject({ added: 7, skipped: 0, refused: 2 });
    expect(report.problems).toEqual([
      { line: lineOf(text, `"id": "${badId}",,`) - 1, where: 'hostPorts[1].snapshots[0]', message: 'not valid JSON' },
      { line: expect.any(Number), where: 'hostPorts[1].snapshots[1]', message: expect.stringMatching(/^savedAt/) },
    ]);
    expect(target.stats().snapshots).toBe(7);
    const noted = (await target.list()).items.find((i) => i.hostPortId === makeSnapshot(1, { hostPorts: 3 }).hostPortId);
    expect(noted).toMatchObject({ note: 'kept', tags: ['legacy'] });
  });

  it('all or nothing: a record that is not valid JSON is named and nothing is written', async () => {
    const { doc } = await legacyDocument(6);
    const id = (doc.hostPorts[2]!.snapshots[0] as { id: string }).id;
    const path = writeLegacy(doc, (t) => t.replace(`"id": "${id}",`, `"id": "${id}",,`));
    const target = await openStore(tempDir());
    const report = await target.importFrom(() => createReadStream(path), { allOrNothing: true });
    expect(report).toMatchObject({ added: 0, aborted: true, refused: 1, problems: [{ where: 'hostPorts[2].snapshots[0]', message: 'not valid JSON' }] });
    expect(target.stats().snapshots).toBe(0);
  });

  it('damage to the structure stops the reading at a reported line and character; what came before it is kept', async () => {
    const { doc } = await legacyDocument(6);
    const whole = JSON.stringify(doc, null, 1);
    const cut = whole.indexOf('"snapshots"', whole.indexOf('"hostPorts": [') + 1200);
    const path = join(tempDir(), 'cut.json');
    writeFileSync(path, whole.slice(0, cut + 40));
    const target = await openStore(tempDir());
    const failure = await target.importFrom(() => createReadStream(path, { highWaterMark: 64 })).catch((e: unknown) => e);
    expect(failure).toMatchObject({ error: { kind: 'invalidInput', message: expect.stringMatching(/not valid JSON \(the file ends in the middle of a value \(line \d+, character \d+\)\)/) } });
    const kept = target.stats().snapshots;
    expect((failure as { error: { message: string } }).error.message).toContain(kept > 0 ? `The ${kept} snapshot(s) read before that point were imported.` : 'Nothing was imported.');

    writeFileSync(path, 'this is not json');
    await expect(target.importFrom(() => createReadStream(path))).rejects.toMatchObject({ error: { message: expect.stringMatching(/not valid JSON.*Nothing was imported/) } });
    writeFileSync(path, JSON.stringify({ format: 'someone-else', hostPorts: [] }));
    await expect(target.importFrom(() => createReadStream(path))).rejects.toMatchObject({ error: { message: expect.stringMatching(/not a Portolan history export/) } });
    writeFileSync(path, JSON.stringify({ format: 'portolan-history', version: 99, exportedAt: '', hostPorts: [] }));
    await expect(target.importFrom(() => createReadStream(path))).rejects.toMatchObject({ error: { message: expect.stringMatching(/newer Portolan/) } });
  });
});
