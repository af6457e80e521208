// File › Export history…: asks the core for a JSON export and writes it where the analyst chooses.
// Runs in main so the menu needs no channel into the renderer. The content is the core's lossless export;
// the core guarantees it carries no token.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import type { Handlers } from '../shared/contract';

/**
 * Since Electron 43 a save dialog without a folder opens in Downloads and the OS no longer restores the last
 * folder, so the folder of the last export is remembered here (for this run of the app).
 */
let lastFolder: string | null = null;

export async function exportHistoryToFile(handlers: Handlers, window: BrowserWindow | null): Promise<void> {
  const result = await handlers['history:export']({ format: 'json' }, {});
  if (!result.ok) {
    await dialog.showMessageBox({ type: 'error', title: 'Export failed', message: result.error.message });
    return;
  }
  const options = { title: 'Export history', defaultPath: lastFolder ? join(lastFolder, result.value.filename) : result.value.filename, filters: [{ name: 'JSON', extensions: ['json'] }] };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return;
  lastFolder = dirname(choice.filePath);
  try {
    await writeFile(choice.filePath, result.value.content, { encoding: 'utf8', mode: 0o600 });
  } catch (err) {
    await dialog.showMessageBox({ type: 'error', title: 'Export failed', message: err instanceof Error ? err.message : String(err) });
  }
}
