// The web preview's HTTP server: serves the built renderer and bridges PortolanApi.invoke to the same
// core handlers the Electron shell uses. Loopback only, and guarded so that no other web page can
// drive it: the Host header must be ours (defeats DNS rebinding), an Origin, when sent, must be ours,
// and each call must carry a per-run key that only our own index.html contains.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HistoryFiles } from '../core/service/history-files';
import { dispatch, type Handlers } from '../../src-shared/contract';
import { EXPORT_PATH, IMPORT_PATH, receiveImport, sameOriginRequest, streamExport } from './history-routes';
import { readStatic } from './static';

export const PREVIEW_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/**
 * History imports and exports stream through their own routes, never through a call; the largest calls left (a
 * selection of host port ids to export, a bulk job's pasted lines) are a few megabytes. Anything beyond this is refused.
 */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

export async function startPreviewServer(opts: { handlers: Handlers; rendererDir: string; port: number; historyFiles?: HistoryFiles }): Promise<PreviewServer> {
  const key = randomBytes(24).toString('base64url');
  const keyBuf = Buffer.from(key);
  let origin = '';
  // The page may be opened as 127.0.0.1 or as localhost (the same socket): both of our own port are ours,
  // any other name is refused, which keeps a DNS-rebinding page out.
  let hosts = new Set<string>();
  let origins = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request');
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === '/api/invoke') return invoke(req, res);
    if (path === EXPORT_PATH || path === IMPORT_PATH) return historyFile(req, res, path);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    const file = await readStatic(opts.rendererDir, path);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    let body = file.body;
    if (file.type.startsWith('text/html')) {
      const meta = `<meta name="portolan-preview-key" content="${key}" />`;
      body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n    ${meta}`));
    }
    send(res, 200, file.type, body);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (req.headers.origin !== undefined && !origins.has(req.headers.origin.toLowerCase())) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    if (!keyOk(req.headers['x-portolan-key'])) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'text/plain; charset=utf-8', 'Expected application/json');
    }
    const text = await readBody(req, MAX_BODY_BYTES);
    let result: unknown;
    if (text === null) {
      result = { ok: false, error: { kind: 'invalidInput', message: 'The request is too large.' } };
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (!parsed || typeof parsed !== 'object') {
        result = { ok: false, error: { kind: 'invalidInput', message: 'The request is not valid JSON.' } };
      } else {
        const { channel, payload } = parsed as { channel?: unknown; payload?: unknown };
        result = await dispatch(opts.handlers, channel, payload);
      }
    }
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }

  function keyOk(value: unknown): boolean {
    const given = Buffer.from(String(value ?? ''));
    return given.length === keyBuf.length && timingSafeEqual(given, keyBuf);
  }

  /** Export as a streamed download (GET, key in the query: a download cannot send headers), import as a streamed upload. */
  async function historyFile(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const files = opts.historyFiles;
    if (!files) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const url = new URL(req.url ?? '/', origin);
    const isExport = path === EXPORT_PATH;
    if (req.method !== (isExport ? 'GET' : 'POST')) return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    const key = isExport ? url.searchParams.get('key') : req.headers['x-portolan-key'];
    if (!sameOriginRequest(req, origins) || !keyOk(key)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    const reply = (status: number, type: string, body: string) => send(res, status, type, body);
    if (isExport) return streamExport(files, url, res, reply, SECURITY_HEADERS);
    return receiveImport(files, url, req, reply);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  origins = new Set([...hosts].map((h) => `http://${h}`));
  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PREVIEW_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': PREVIEW_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
