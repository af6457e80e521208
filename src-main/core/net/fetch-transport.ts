// HttpTransport over a fetch function. In the app that is a fetch over Electron's net.request: Chromium's network stack, so
// the system or PAC proxy (with its authentication prompt) and the OS certificate store apply, which corporate
// TLS inspection relies on and Node's own stack ignores. The same adapter runs on Node's fetch in tests.
import { fail, PortolanFailure } from '../failure';
import type { HttpRequest, HttpResponse, HttpTransport } from '../ports';
import { DEFAULT_MAX_BODY_BYTES } from './node-transport';
import { checkRequestUrl } from './request-guard';

/** The part of fetch this adapter uses; the app's fetch over net.request, net.fetch and Node's fetch all fit. */
export type FetchLike = (
  url: string,
  init: RequestInit & {
    bypassCustomProtocolHandlers?: boolean;
    cache?: 'no-store';
    /** The app's fetch says when a proxy's request for credentials waits for the analyst (true) and when it is answered. */
    onAuthWait?: (waiting: boolean) => void;
  },
) => Promise<Response>;

export interface FetchTransportOptions {
  maxBodyBytes?: number;
  userAgent?: string;
}

export function createFetchTransport(fetchImpl: FetchLike, opts: FetchTransportOptions = {}): HttpTransport {
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (req: HttpRequest): Promise<HttpResponse> => {
    const url = checkRequestUrl(req.url, undefined);
    if (req.signal?.aborted) throw fail('cancelled', 'The request was cancelled.');
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const startTimer = (): ReturnType<typeof setTimeout> | undefined =>
      req.timeoutMs !== undefined && req.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, req.timeoutMs)
        : undefined;
    let timer = startTimer();
    // The request's clock stops while the analyst types a proxy password, and starts afresh once they answer
    // (the prompt has its own limit), so a slow answer is not lost to a timeout.
    const onAuthWait = (waiting: boolean): void => {
      if (timer) clearTimeout(timer);
      timer = waiting || timedOut ? undefined : startTimer();
    };
    try {
      const res = await fetchImpl(url.href, {
        method: req.method,
        headers: { 'user-agent': opts.userAgent ?? 'Portolan', ...(req.headers ?? {}) },
        ...(req.body !== undefined ? { body: req.body } : {}),
        signal: controller.signal,
        // A redirect could lead off the allow-list after the check above: Graph and Entra ID never redirect these calls.
        redirect: 'error',
        credentials: 'omit',
        cache: 'no-store',
        bypassCustomProtocolHandlers: true,
        onAuthWait,
      });
      const body = await readCapped(res, maxBody, url);
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
      return { status: res.status, headers, body };
    } catch (err) {
      if (err instanceof PortolanFailure) throw err;
      if (timedOut) throw fail('timeout', `${url.origin} did not answer within ${Math.round((req.timeoutMs ?? 0) / 100) / 10} s.`, { code: 'TIMEOUT' });
      if (req.signal?.aborted) throw fail('cancelled', 'The request was cancelled.');
      throw fetchFailure(url, err);
    } finally {
      if (timer) clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  };
}

async function readCapped(res: Response, maxBody: number, url: URL): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBody) {
      await reader.cancel();
      throw fail('invalidResponse', `${url.origin} sent a response larger than ${Math.round(maxBody / (1024 * 1024))} MB; Portolan stopped reading it.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Chromium reports `net::ERR_…` names in the message; Node's fetch puts an errno code on `cause`. Both become
 * the same plain-words 'network' failure, with the code kept for support.
 */
export function fetchFailure(url: URL, err: unknown): PortolanFailure {
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const text = `${err instanceof Error ? err.message : String(err)} ${cause?.message ?? ''}`;
  const code = /net::(ERR_[A-Z0-9_]+)/.exec(text)?.[1] ?? cause?.code ?? 'UNKNOWN';
  const where = url.origin;
  let message: string;
  if (/PROXY_AUTH|ERR_PROXY_AUTH/.test(code) || code === 'ERR_PROXY_AUTH_UNSUPPORTED') message = `The proxy refused to forward the request to ${where}: it requires authentication.`;
  else if (/PROXY|TUNNEL/.test(code)) message = `Could not reach ${where} through the proxy (${code}). Check the proxy settings.`;
  else if (code === 'ERR_CONNECTION_REFUSED' || code === 'ECONNREFUSED') message = `Could not connect to ${where}: the connection was refused.`;
  else if (code === 'ERR_NAME_NOT_RESOLVED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') message = `Could not find ${url.hostname}: check the network connection and DNS.`;
  else if (code === 'ERR_INTERNET_DISCONNECTED') message = 'This computer is offline.';
  else if (code.startsWith('ERR_CERT') || code.startsWith('ERR_SSL') || code.startsWith('CERT_') || code.startsWith('ERR_TLS') || code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'DEPTH_ZERO_SELF_SIGNED_CERT')
    message = `The TLS certificate of ${where} is not trusted (${code}).`;
  else if (code === 'ERR_CONNECTION_RESET' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'ERR_EMPTY_RESPONSE') message = `The connection to ${where} was reset before a complete answer arrived.`;
  else if (/redirect/i.test(text)) message = `${where} answered with a redirect; Portolan does not follow redirects for these requests.`;
  else message = `Network error talking to ${where} (${code}).`;
  return fail('network', message, { code });
}
