// File › Export history…: asks the core for a JSON export and writes it where the analyst chooses.
// Runs in main so the menu needs no channel into the renderer. The content is the core's lossless export;
// the core guarantees it carries no token.
import { writeFile } from 'node:fs/promises';
import { dialog, type BrowserWindow } from 'electron';
import type { Handlers } from '../shared/contract';

export async function exportHistoryToFile(handlers: Handlers, window: BrowserWindow | null): Promise<void> {
  const result = await handlers['history:export']({ format: 'json' }, {});
  if (!result.ok) {
    await dialog.showMessageBox({ type: 'error', title: 'Export failed', message: result.error.message });
    return;
  }
  const options = { title: 'Export history', defaultPath: result.value.filename, filters: [{ name: 'JSON', extensions: ['json'] }] };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return;
  try {
    await writeFile(choice.filePath, result.value.content, { encoding: 'utf8', mode: 0o600 });
  } catch (err) {
    await dialog.showMessageBox({ type: 'error', title: 'Export failed', message: err instanceof Error ? err.message : String(err) });
  }
}
