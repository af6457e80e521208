// HttpTransport over node:http / node:https. Not global fetch: we need a per-transport extra CA
// (--ca-file) and an allow-list that is checked before any socket is opened.
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { fail, PortolanFailure } from '../failure';
import type { HttpRequest, HttpResponse, HttpTransport } from '../ports';
import { checkRequestUrl } from './request-guard';
import { createTunnelAgent, proxyRefusal, viaProxy, type HttpProxy } from './http-proxy';
import { GRAPH_RESPONSE_MAX_BYTES } from '../../../src-shared/limits';

export interface NodeTransportOptions {
  /** Extra CA certificate(s), PEM, trusted in addition to Node's bundled roots. */
  ca?: string | Buffer;
  /** Returns false for URLs Portolan must never contact. Checked before connecting. */
  allow?: (url: URL) => boolean;
  userAgent?: string;
  /** Responses larger than this are refused (default 32 MiB, see GRAPH_RESPONSE_MAX_BYTES). */
  maxBodyBytes?: number;
  /** Every request goes through this HTTP forward proxy (CONNECT for https). */
  proxy?: HttpProxy;
  /** Name resolution for direct connections (Node's resolver by default); a test answers it without a DNS server. */
  lookup?: LookupFunction;
}

export const DEFAULT_MAX_BODY_BYTES = GRAPH_RESPONSE_MAX_BYTES;
const DEFAULT_USER_AGENT = 'Portolan';

export function createNodeTransport(opts: NodeTransportOptions = {}): HttpTransport {
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Node's bundled roots stay trusted; `ca` on an agent would replace them, so we append instead.
  const ca = opts.ca !== undefined ? [...rootCertificates, opts.ca.toString()] : undefined;
  const agents = (keepAlive: boolean) => {
    const lookup = opts.lookup ? { lookup: opts.lookup } : {};
    const tlsOptions = { keepAlive, ...lookup, ...(ca ? { ca } : {}) };
    return { http: new http.Agent({ keepAlive, ...lookup }), https: opts.proxy ? createTunnelAgent(opts.proxy, tlsOptions) : new https.Agent(tlsOptions) };
  };
  const pooled = agents(true);
  const fresh = agents(false);

  // async, so a refused URL becomes a rejected promise like every other failure, never a synchronous throw.
  return async (req: HttpRequest) => {
    const url = checkRequestUrl(req.url, opts.allow);
    if (req.signal?.aborted) throw cancelled();
    return send(url, req, {
      agent: (req.freshConnection ? fresh : pooled)[url.protocol === 'https:' ? 'https' : 'http'],
      userAgent: opts.userAgent ?? DEFAULT_USER_AGENT,
      maxBody,
      proxy: opts.proxy ?? null,
    });
  };
}

interface SendContext {
  agent: http.Agent;
  userAgent: string;
  maxBody: number;
  proxy: HttpProxy | null;
}

function send(url: URL, req: HttpRequest, ctx: SendContext): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const headers: Record<string, string> = { 'user-agent': ctx.userAgent };
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    const body = req.body !== undefined ? Buffer.from(req.body, 'utf8') : undefined;
    if (body) headers['content-length'] = String(body.length);

    const plainViaProxy = ctx.proxy !== null && url.protocol === 'http:';
    const outgoing = plainViaProxy
      ? http.request({ ...viaProxy(ctx.proxy!, url, headers), method: req.method, agent: ctx.agent })
      : (url.protocol === 'https:' ? https : http).request(url, { method: req.method, headers, agent: ctx.agent });

    const finish = (err: PortolanFailure | null, res?: HttpResponse): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (err) {
        outgoing.destroy();
        reject(err);
      } else if (res) {
        resolve(res);
      }
    };
    const onAbort = (): void => finish(cancelled());
    req.signal?.addEventListener('abort', onAbort, { once: true });

    if (req.timeoutMs !== undefined && req.timeoutMs > 0) {
      const seconds = Math.round(req.timeoutMs / 100) / 10;
      timer = setTimeout(
        () => finish(fail('timeout', `${url.origin} did not answer within ${seconds} s.`, { code: 'TIMEOUT' })),
        req.timeoutMs,
      );
    }

    outgoing.on('error', (err: NodeJS.ErrnoException) => finish(err instanceof PortolanFailure ? err : networkFailure(url, err, ctx.proxy)));
    outgoing.on('response', (res) => {
      // In absolute form the proxy answers itself when it will not forward the request.
      if (plainViaProxy && res.statusCode === 407) {
        res.resume();
        finish(proxyRefusal(ctx.proxy!, 407));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > ctx.maxBody) {
          const mb = Math.round(ctx.maxBody / (1024 * 1024));
          finish(fail('invalidResponse', `${url.origin} sent a response larger than ${mb} MB; Portolan stopped reading it.`));
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err: NodeJS.ErrnoException) => finish(networkFailure(url, err)));
      // 'aborted' fires when the server closes the socket mid-body.
      res.on('aborted', () => finish(networkFailure(url, Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))));
      res.on('end', () => {
        if (!res.complete) {
          finish(networkFailure(url, Object.assign(new Error('incomplete'), { code: 'ECONNRESET' })));
          return;
        }
        finish(null, {
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    outgoing.end(body);
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function cancelled(): PortolanFailure {
  return fail('cancelled', 'The request was cancelled.');
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Turns a socket-level error into a 'network' failure whose message says what happened in plain words. */
export function networkFailure(url: URL, err: NodeJS.ErrnoException, proxy: HttpProxy | null = null): PortolanFailure {
  const code = err.code ?? 'UNKNOWN';
  // Behind a proxy, a socket error is about the proxy, not the endpoint it was asked to reach.
  if (proxy && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')) {
    return fail('network', `Could not connect to the proxy at ${proxy.origin} (${code}).`, { code, field: 'proxy' });
  }
  const where = url.origin;
  let message: string;
  if (code === 'ECONNREFUSED') message = `Could not connect to ${where}: the connection was refused.`;
  else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || err.message === 'socket hang up')
    message = `The connection to ${where} was reset before a complete answer arrived.`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    message = `Could not find ${url.hostname}: check the network connection and DNS.`;
  else if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') message = `${where} is unreachable: check the network connection.`;
  else if (TLS_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_TLS'))
    message = `The TLS certificate of ${where} is not trusted (${code}). If it uses a private CA, pass that CA with --ca-file.`;
  else message = `Network error talking to ${where} (${code}).`;
  return fail('network', message, { code });
}

/** Socket errors worth retrying for an idempotent GET: the peer dropped the connection mid-way. */
export function isTransientNetworkCode(code: string | undefined): boolean {
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'EAI_AGAIN';
}
