// Export to and import from files main reads and writes itself: the save and open dialogs only say where.
import { readFileSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryFiles, type FileDialogs } from '../../../src-main/core/service/history-files';
import { makeSnapshot } from '../../support/snapshots';
import { FakeClock, openStore, tempDir } from '../history/helpers';

function dialogs(exportPath: string | null, importPath: string | null): FileDialogs {
  return { chooseExportPath: async () => exportPath, chooseImportPath: async () => importPath };
}

describe('history files', () => {
  it('writes the export where the save dialog says, owner-only, and reads it back through the open dialog', async () => {
    const source = await openStore(tempDir());
    for (let i = 0; i < 5; i++) await source.save(makeSnapshot(i, { hostPorts: 2 }));
    const folder = tempDir();
    const path = join(folder, 'out.ndjson');
    const files = new HistoryFiles(source, new FakeClock(), dialogs(path, null));
    expect(files.filename('ndjson')).toBe('portolan-history-2024-06-01.ndjson');
    expect(await files.exportToFile('ndjson')).toEqual({ saved: true, snapshots: 5 });
    expect(readdirSync(folder)).toEqual(['out.ndjson']);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o077).toBe(0);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(1 + 5 + 2);

    const target = await openStore(tempDir());
    const importer = new HistoryFiles(target, new FakeClock(), dialogs(null, path));
    expect(await importer.importFromFile({ allOrNothing: false })).toMatchObject({ added: 5, refused: 0 });
    expect(importer.progress()).toEqual({ active: false, bytesRead: 0, totalBytes: null });
  });

  it('reports how far a running import has read, for the progress bar', async () => {
    const store = await openStore(tempDir());
    const files = new HistoryFiles(store, new FakeClock());
    const header = Buffer.from('{"format":"portolan-history","version":2,"exportedAt":"x"}\n');
    const seen: unknown[] = [];
    async function* source(): AsyncGenerator<Buffer> {
      yield header;
      seen.push(files.progress());
      yield Buffer.from('\n');
    }
    expect(await files.importStream(source, header.length + 1, { allOrNothing: false })).toMatchObject({ added: 0, refused: 0 });
    expect(seen).toEqual([{ active: true, bytesRead: header.length, totalBytes: header.length + 1 }]);
    expect(files.progress().active).toBe(false);
  });

  it('writes nothing when the save dialog is cancelled, and imports nothing when the open dialog is', async () => {
    const store = await openStore(tempDir());
    await store.save(makeSnapshot(1));
    const files = new HistoryFiles(store, new FakeClock(), dialogs(null, null));
    expect(await files.exportToFile('json')).toEqual({ saved: false, snapshots: 0 });
    expect(await files.importFromFile({ allOrNothing: true })).toEqual({ added: 0, skipped: 0, cancelled: true });
  });

  it('leaves no partial file and keeps an existing file when the export fails', async () => {
    const store = await openStore(tempDir());
    await store.save(makeSnapshot(1));
    const folder = tempDir();
    const path = join(folder, 'keep.json');
    writeFileSync(path, 'earlier export');
    await store.close();
    const files = new HistoryFiles(store, new FakeClock(), dialogs(path, null));
    await expect(files.exportToFile('json')).rejects.toBeTruthy();
    expect(readFileSync(path, 'utf8')).toBe('earlier export');
    expect(readdirSync(folder)).toEqual(['keep.json']);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('is not configured without dialogs (the preview streams over HTTP instead)', async () => {
    const files = new HistoryFiles(await openStore(tempDir()), new FakeClock());
    await expect(files.exportToFile('ndjson')).rejects.toMatchObject({ error: { kind: 'notConfigured' } });
  });
});
