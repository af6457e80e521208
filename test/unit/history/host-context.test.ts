// A snapshot keeps its host's context: the port list saved with it, sections main fetched later attached with
// their own fetch time (only to the snapshot of that host, and pages only in order), and all of it survives a
// reopen, the streamed export and import, and the JSON export.
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportFormat, HistoryStore } from '../../../src-main/core/history';
import { makeSnapshot } from '../../support/snapshots';
import { context, dnsPage, hostSection, portEntry, reputationSection } from '../../support/host-context-fixtures';
import { exportFileSchema } from '../../../src-main/core/history/export-format';
import { openStore, tempDir } from './helpers';

async function savedWithContext(store: HistoryStore) {
  const input = makeSnapshot(3, { hostPorts: 1 });
  const meta = await store.save({ ...input, context: context(input.host!, [portEntry(22), portEntry(443)]) });
  return { input, id: meta.id, host: input.host! };
}

async function exportToFile(store: HistoryStore, format: ExportFormat): Promise<string> {
  const path = join(tempDir(), `export.${format}`);
  const out = createWriteStream(path);
  await store.exportTo(out, format);
  out.end();
  await once(out, 'close');
  return path;
}

describe('host context saved with a snapshot', () => {
  it('keeps the port list, then later sections with their own fetch time, across a reopen', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const { id, host } = await savedWithContext(store);
    expect((await store.get(id)).context?.portList?.entries.map((e) => e.port)).toEqual([22, 443]);

    const rep = reputationSection('malicious', 90, '2030-01-01T10:00:00.000Z', ['Known C2']);
    expect(await store.attachSection({ snapshotId: id, section: rep, about: { host } })).toBe('saved');
    expect(await store.attachSection({ snapshotId: id, section: hostSection(host, '2030-01-01T10:00:01.000Z'), about: { host: host.toUpperCase() } })).toBe('saved');
    await store.close();

    const again = await openStore(dir);
    const snap = await again.get(id);
    expect(snap.context?.sections.reputation).toEqual(rep);
    expect(snap.context?.sections.host?.fetchedAt).toBe('2030-01-01T10:00:01.000Z');
    expect(snap.context?.portList?.host).toBe(host);
  });

  it('refuses a section about another host or another certificate, and writes nothing', async () => {
    const store = await openStore(tempDir());
    const { id } = await savedWithContext(store);
    const rep = reputationSection('neutral', 0, '2030-01-01T10:00:00.000Z');
    expect(await store.attachSection({ snapshotId: id, section: rep, about: { host: 'other.example' } })).toBe('notThisSnapshot');
    const related = { kind: 'relatedHosts' as const, fetchedAt: '2030-01-01T10:00:00.000Z', hosts: [], nextLink: null };
    expect(await store.attachSection({ snapshotId: id, section: related, about: { certificateId: 'not-its-certificate' } })).toBe('notThisSnapshot');
    expect((await store.get(id)).context?.sections).toEqual({});
    await expect(store.attachSection({ snapshotId: 'nope', section: rep, about: { host: 'x.example' } })).rejects.toMatchObject({ error: { kind: 'notFound' } });
  });

  it('appends a next page only to the pages it continues', async () => {
    const store = await openStore(tempDir());
    const { id, host } = await savedWithContext(store);
    const first = dnsPage(['a.example'], '2030-01-01T10:00:00.000Z', 'https://graph.example/next1');
    await store.attachSection({ snapshotId: id, section: first, about: { host } });
    const stray = dnsPage(['x.example'], '2030-01-01T10:01:00.000Z', null);
    expect(await store.attachSection({ snapshotId: id, section: stray, about: { host }, after: 'https://graph.example/other' })).toBe('notContinuous');
    const second = dnsPage(['b.example'], '2030-01-01T10:02:00.000Z', null);
    expect(await store.attachSection({ snapshotId: id, section: second, about: { host }, after: 'https://graph.example/next1' })).toBe('saved');
    const saved = (await store.get(id)).context?.sections.passiveDns;
    expect(saved?.kind === 'passiveDns' && saved.records.map((r) => r.parentHost)).toEqual(['a.example', 'b.example']);
    expect(saved?.fetchedAt).toBe('2030-01-01T10:02:00.000Z');
  });

  it('round-trips the context through NDJSON and JSON exports', async () => {
    const source = await openStore(tempDir());
    const { id, host } = await savedWithContext(source);
    await source.attachSection({ snapshotId: id, section: reputationSection('suspicious', 55, '2030-01-01T10:00:00.000Z', ['r1']), about: { host } });
    await source.attachSection({ snapshotId: id, section: dnsPage(['a.example'], '2030-01-01T10:00:00.000Z', 'https://graph.example/n'), about: { host } });
    const expected = await source.get(id);
    expect(expected.context?.sections.reputation).toBeDefined();
    for (const format of ['ndjson', 'json'] as const) {
      const path = await exportToFile(source, format);
      const target = await openStore(tempDir());
      expect(await target.importFrom(() => createReadStream(path))).toMatchObject({ added: 1, skipped: 0 });
      expect(await target.get(id)).toEqual(expected);
      // The whole document as older Portolans check it before importing.
      if (format === 'json') expect(exportFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8'))).success).toBe(true);
    }
  });

  it('refuses an imported snapshot whose context is damaged', async () => {
    const source = await openStore(tempDir());
    await savedWithContext(source);
    const path = await exportToFile(source, 'ndjson');
    const lines = readFileSync(path, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('"type":"snapshot"'));
    const record = JSON.parse(lines[i]!);
    record.snapshot.context.sections = { reputation: { kind: 'reputation', fetchedAt: 'soon', reputation: { rules: 'none' } } };
    lines[i] = JSON.stringify(record);
    const damaged = join(tempDir(), 'damaged.ndjson');
    writeFileSync(damaged, lines.join('\n'));
    const target = await openStore(tempDir());
    expect(await target.importFrom(() => createReadStream(damaged))).toMatchObject({ added: 0, refused: 1 });
  });
});
