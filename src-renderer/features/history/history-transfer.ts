// Export and import without the history ever passing through the page: in the app main writes and reads the file
// (its own save and open dialogs); in the web preview the export is a download the server streams and the import
// an upload the browser streams from disk. The page only gets the short report.
import type { HistorySelection, ImportReportView, Result } from '../../../src-shared/contract';
import { previewKey } from '../../lib/api';

export type ExportFormat = 'ndjson' | 'json' | 'csv';

/** The app has the preload's bridge (and main's dialogs); the preview has neither. */
export function mainOwnsFiles(): boolean {
  return typeof window !== 'undefined' && window.portolan !== undefined;
}

/** Host ports by id, or the History list's query (the download then holds exactly what the list shows). */
export type ExportTarget = { hostPortIds: string[] } | { query: HistorySelection };

export function previewExportUrl(format: ExportFormat, key: string, target?: string[] | ExportTarget): string {
  const q = new URLSearchParams({ format, key });
  const ids = Array.isArray(target) ? target : target && 'hostPortIds' in target ? target.hostPortIds : [];
  for (const id of ids) q.append('hostPortId', id);
  if (target && !Array.isArray(target) && 'query' in target) q.set('query', JSON.stringify(target.query));
  return `/api/history/export?${q.toString()}`;
}

/** A navigation to the download: the browser streams it to disk, the page never holds it. */
export function startDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/** The file is the request body: the browser reads it from disk as it sends. */
export async function uploadImport(file: File, allOrNothing: boolean, fetchImpl: typeof fetch = (...a) => fetch(...a), key = previewKey()): Promise<Result<ImportReportView>> {
  try {
    const res = await fetchImpl(`/api/history/import${allOrNothing ? '?allOrNothing=1' : ''}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Portolan-Key': key },
      body: file,
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const body = (await res.json()) as Result<ImportReportView>;
    if (typeof body === 'object' && body !== null && typeof body.ok === 'boolean') return body;
    return { ok: false, error: { kind: 'internal', message: `The preview answered HTTP ${res.status} without a result.`, status: res.status } };
  } catch {
    return { ok: false, error: { kind: 'offline', message: 'Portolan could not reach its background service. Is the preview still running?' } };
  }
}
