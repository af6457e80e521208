// A fetch for the core's transport on Electron's net.request: Chromium's network stack (system or PAC proxy,
// the session's proxy setting, the OS certificate store), as net.fetch, plus the one thing net.fetch cannot
// do: answer a proxy's request for credentials. net.fetch gives its requests no `login` listener, so Chromium
// cancels the challenge and Graph calls fail with 407; here each request's `login` goes to the same handler
// as the app's (the analyst is asked; a web server is refused).
import { Readable } from 'node:stream';
import type { AuthInfo, ClientRequest, ClientRequestConstructorOptions, IncomingMessage } from 'electron';
import type { FetchLike } from '../core/net/fetch-transport';

export type LoginHandler = (authInfo: AuthInfo, callback: (username?: string, password?: string) => void, request: { signal: AbortSignal }) => void;

/** Statuses whose Response must not have a body (the constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function createNetRequestFetch(request: (options: ClientRequestConstructorOptions) => ClientRequest, onLogin: LoginHandler): FetchLike {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
        return;
      }
      const ended = new AbortController();
      const req = request({
        url,
        method: init.method ?? 'GET',
        redirect: init.redirect === 'follow' || init.redirect === 'manual' ? init.redirect : 'error',
        credentials: init.credentials === 'include' || init.credentials === 'same-origin' ? init.credentials : 'omit',
        useSessionCookies: false,
        cache: 'no-store',
        bypassCustomProtocolHandlers: init.bypassCustomProtocolHandlers ?? true,
      });
      new Headers(init.headers).forEach((value, key) => req.setHeader(key, value));

      const onAbort = (): void => {
        ended.abort();
        req.abort();
        reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (): void => {
        signal?.removeEventListener('abort', onAbort);
        ended.abort();
      };

      req.on('login', (authInfo, callback) => {
        // Only a proxy challenge waits for the analyst; the transport's timeout is paused meanwhile.
        if (authInfo.isProxy) init.onAuthWait?.(true);
        onLogin(
          authInfo,
          (...credentials) => {
            if (authInfo.isProxy) init.onAuthWait?.(false);
            // Passed on as given: nothing at all means cancel.
            callback(...credentials);
          },
          { signal: ended.signal },
        );
      });
      req.on('response', (res: IncomingMessage) => {
        settle();
        const headers = new Headers();
        for (const [key, value] of Object.entries(res.headers)) headers.set(key, Array.isArray(value) ? value.join(', ') : String(value));
        const body = NULL_BODY.has(res.statusCode) || init.method === 'HEAD' ? null : (Readable.toWeb(res as unknown as Readable) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status: res.statusCode, statusText: res.statusMessage, headers }));
      });
      req.on('error', (err: Error) => {
        settle();
        reject(err);
      });

      const body = init.body;
      if (typeof body === 'string' || body instanceof Uint8Array) req.write(typeof body === 'string' ? body : Buffer.from(body));
      else if (body !== undefined && body !== null) {
        settle();
        reject(new TypeError('Only text and byte bodies are sent by this transport.'));
        req.abort();
        return;
      }
      req.end();
    });
}
