// The app's file choosers for history export and import, and File › Export history…. The core writes and reads
// the files itself, as streams; these only ask the analyst where. Runs in main, so the menu needs no channel into
// the renderer and no history content ever crosses IPC.
import { dirname, join } from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { ExportFormat } from '../core/history';
import type { FileDialogs } from '../core/service/history-files';
import type { Handlers } from '../../src-shared/contract';

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  ndjson: { name: 'Portolan history (NDJSON)', extensions: ['ndjson'] },
  json: { name: 'JSON', extensions: ['json'] },
  csv: { name: 'CSV', extensions: ['csv'] },
};

export function createFileDialogs(dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>, window: () => BrowserWindow | null): FileDialogs {
  /**
   * Since Electron 43 a dialog without a folder opens in Downloads and the OS no longer restores the last folder,
   * so the folder of the last export or import is remembered here (for this run of the app).
   */
  let lastFolder: string | null = null;
  return {
    async chooseExportPath(defaultName, format) {
      const options: SaveDialogOptions = { title: 'Export history', defaultPath: lastFolder ? join(lastFolder, defaultName) : defaultName, filters: [FILTERS[format]] };
      const w = window();
      const choice = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      lastFolder = dirname(choice.filePath);
      return choice.filePath;
    },
    async chooseImportPath() {
      const options: OpenDialogOptions = {
        title: 'Import history',
        properties: ['openFile'],
        ...(lastFolder ? { defaultPath: lastFolder } : {}),
        filters: [{ name: 'Portolan history', extensions: ['ndjson', 'json'] }],
      };
      const w = window();
      const choice = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      const path = choice.canceled ? undefined : choice.filePaths[0];
      if (!path) return null;
      lastFolder = dirname(path);
      return path;
    },
  };
}

/** File › Export history…: the NDJSON export through the save dialog; a failure is shown in a message box. */
export async function exportHistoryToFile(handlers: Handlers, dialog: Pick<Dialog, 'showMessageBox'>): Promise<void> {
  const result = await handlers['history:exportToFile']({ format: 'ndjson' }, {});
  if (!result.ok) await dialog.showMessageBox({ type: 'error', title: 'Export failed', message: result.error.message });
}
