// The app's history file choosers and File › Export history…: the dialogs only answer where; the core writes.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createFileDialogs, exportHistoryToFile } from '../../../src-main/electron/export-history';
import type { Handlers } from '../../../src-shared/contract';

function fakeDialog() {
  return {
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePath: '/home/a/exports/first.ndjson' })),
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/home/a/imports/in.ndjson'] })),
    showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
  };
}

describe('history file dialogs', () => {
  it('offers the folder of the previous export or import next time (Electron 43+ would open Downloads)', async () => {
    const dialog = fakeDialog();
    const files = createFileDialogs(dialog as never, () => null);
    expect(await files.chooseExportPath('portolan-history-2026-11-30.ndjson', 'ndjson')).toBe('/home/a/exports/first.ndjson');
    expect(dialog.showSaveDialog).toHaveBeenLastCalledWith(expect.objectContaining({ defaultPath: 'portolan-history-2026-11-30.ndjson' }));
    await files.chooseExportPath('portolan-history-2026-11-30.csv', 'csv');
    expect(dialog.showSaveDialog).toHaveBeenLastCalledWith(
      expect.objectContaining({ defaultPath: join('/home/a/exports', 'portolan-history-2026-11-30.csv'), filters: [expect.objectContaining({ extensions: ['csv'] })] }),
    );
    expect(await files.chooseImportPath()).toBe('/home/a/imports/in.ndjson');
    expect(dialog.showOpenDialog).toHaveBeenLastCalledWith(expect.objectContaining({ defaultPath: '/home/a/exports', properties: ['openFile'] }));
  });

  it('answers null when the analyst cancels either dialog', async () => {
    const dialog = fakeDialog();
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    const files = createFileDialogs(dialog as never, () => null);
    expect(await files.chooseExportPath('x.ndjson', 'ndjson')).toBeNull();
    expect(await files.chooseImportPath()).toBeNull();
  });
});

describe('File › Export history…', () => {
  it('asks the core to write the NDJSON export itself, and shows a failure', async () => {
    const dialog = fakeDialog();
    const ok = { 'history:exportToFile': vi.fn(async () => ({ ok: true, value: { saved: true, snapshots: 3 } })) } as unknown as Handlers;
    await exportHistoryToFile(ok, dialog as never);
    expect(ok['history:exportToFile']).toHaveBeenCalledWith({ format: 'ndjson' }, {});
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    const bad = { 'history:exportToFile': vi.fn(async () => ({ ok: false, error: { kind: 'storage', message: 'History is unreadable.' } })) } as unknown as Handlers;
    await exportHistoryToFile(bad, dialog as never);
    expect(dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: 'History is unreadable.' }));
  });
});
