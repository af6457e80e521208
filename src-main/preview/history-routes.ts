// The preview's history file routes: a streamed download of the export and a streamed upload of an import, so
// neither the page nor this server ever holds a whole history. Checked like /api/invoke (our Host, our Origin
// when one is sent, the per-run key); the download is a navigation that cannot send headers, so it carries the
// key in its query and must come from our own page (Sec-Fetch-Site, when sent, same-origin).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HistorySelection } from '../../src-shared/contract';
import { toPortolanError } from '../core/failure';
import { EXPORT_MIME, type ExportFormat } from '../core/history';
import type { HistoryFiles } from '../core/service/history-files';

export const EXPORT_PATH = '/api/history/export';
export const IMPORT_PATH = '/api/history/import';

type Reply = (status: number, type: string, body: string) => void;

const FORMATS = new Set<ExportFormat>(['ndjson', 'json', 'csv']);

export function sameOriginRequest(req: IncomingMessage, origins: Set<string>): boolean {
  if (req.headers.origin !== undefined && !origins.has(req.headers.origin.toLowerCase())) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}

export async function streamExport(files: HistoryFiles, url: URL, res: ServerResponse, reply: Reply, headers: Record<string, string>): Promise<void> {
  const format = url.searchParams.get('format') as ExportFormat;
  if (!FORMATS.has(format)) return reply(400, 'text/plain; charset=utf-8', 'Unknown export format');
  const ids = url.searchParams.getAll('hostPortId');
  // The History list's query as JSON: the download then holds exactly the rows the search and filters show.
  const queryText = url.searchParams.get('query');
  let selection: HistorySelection | null = null;
  if (queryText !== null) {
    const parsed = parseSelection(queryText);
    if (!parsed || ids.length > 0) return reply(400, 'text/plain; charset=utf-8', 'Invalid export query');
    selection = parsed;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': `${EXPORT_MIME[format]}; charset=utf-8`,
    'Content-Disposition': `attachment; filename="${files.filename(format)}"`,
  });
  try {
    if (selection) await files.exportSelectionTo(res, format, selection);
    else await files.exportTo(res, format, ids.length > 0 ? ids : undefined);
    res.end();
  } catch {
    // Headers are gone already: a cut connection is how the browser learns the download failed.
    res.destroy();
  }
}

function parseSelection(text: string): HistorySelection | null {
  try {
    const got = HistorySelection.safeParse(JSON.parse(text));
    return got.success ? got.data : null;
  } catch {
    return null;
  }
}

/** The request body is the file; all or nothing reads it twice, so then it is kept in a temp file first. */
export async function receiveImport(files: HistoryFiles, url: URL, req: IncomingMessage, reply: Reply): Promise<void> {
  const allOrNothing = url.searchParams.get('allOrNothing') === '1';
  const length = Number(req.headers['content-length']);
  const total = Number.isFinite(length) && length >= 0 ? length : null;
  let spooled: string | null = null;
  let result: unknown;
  try {
    let open: () => AsyncIterable<Buffer>;
    if (allOrNothing) {
      spooled = join(tmpdir(), `portolan-import-${randomBytes(6).toString('hex')}.upload`);
      await pipeline(req, createWriteStream(spooled, { mode: 0o600, flags: 'wx' }));
      const path = spooled;
      open = () => createReadStream(path);
    } else {
      let used = false;
      open = () => {
        if (used) throw new Error('The upload can be read once.');
        used = true;
        return req;
      };
    }
    result = { ok: true, value: await files.importStream(open, total, { allOrNothing }) };
  } catch (err) {
    result = { ok: false, error: toPortolanError(err) };
    // Whatever the import did not read is drained, so the browser gets the answer rather than a reset.
    req.resume();
  } finally {
    if (spooled) await fsp.rm(spooled, { force: true });
  }
  reply(200, 'application/json; charset=utf-8', JSON.stringify(result));
}
