// An HTTP forward proxy for Node's http stack (the preview and tests; the app uses Chromium's network stack,
// which already follows the system and PAC proxy). https targets go through a CONNECT tunnel, so the proxy sees
// only the host name and TLS still ends at Graph or Entra ID; http targets (loopback stand-ins) are sent to
// the proxy in absolute form.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { fail, PortolanFailure } from '../failure';

export interface HttpProxy {
  /** The proxy's origin, for messages (never its credentials). */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  /** `Basic …` when the proxy URL carried a user name and password. */
  readonly authorization: string | null;
}

/** Reads `http://[user:password@]host:port`; anything else is refused with a message that says why. */
export function parseProxyUrl(raw: string): HttpProxy {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('invalidInput', `The proxy "${raw}" is not a URL; use http://host:port.`, { field: 'proxy' });
  }
  if (url.protocol !== 'http:') {
    throw fail('invalidInput', `The proxy must be an http:// URL (the connection to Graph inside it is still TLS); got ${url.protocol}//.`, { field: 'proxy' });
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw fail('invalidInput', 'The proxy URL takes only a host and a port, no path or query.', { field: 'proxy' });
  }
  const user = decodeURIComponent(url.username);
  const authorization = user ? `Basic ${Buffer.from(`${user}:${decodeURIComponent(url.password)}`).toString('base64')}` : null;
  return { origin: `http://${url.host}`, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) || 80, authorization };
}

/** The failure for a proxy that answered CONNECT (or an absolute-form request) with something other than success. */
export function proxyRefusal(proxy: HttpProxy, status: number): PortolanFailure {
  if (status === 407) {
    return fail(
      'network',
      `The proxy at ${proxy.origin} requires authentication (407)${proxy.authorization ? ' and did not accept the credentials given' : ''}. ` +
        'Put the user name and password in the proxy URL (http://user:password@host:port) or use the system proxy.',
      { code: 'PROXY_AUTH_REQUIRED', status },
    );
  }
  return fail('network', `The proxy at ${proxy.origin} refused the connection (${status}).`, { code: 'PROXY_REFUSED', status });
}

/** Request options that send an http request to the proxy in absolute form. */
export function viaProxy(proxy: HttpProxy, url: URL, headers: Record<string, string>): http.RequestOptions {
  return {
    host: proxy.host,
    port: proxy.port,
    path: url.href,
    headers: { ...headers, host: url.host, ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}) },
  };
}

/** An https agent whose every connection is a TLS session inside a CONNECT tunnel through the proxy. */
export function createTunnelAgent(proxy: HttpProxy, options: https.AgentOptions): https.Agent {
  return new TunnelAgent(proxy, options);
}

class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: HttpProxy,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const done = callback ?? (() => undefined);
    const host = String(options.host ?? options.hostname ?? 'localhost').replace(/^\[(.*)\]$/, '$1');
    const port = Number(options.port) || 443;
    const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    const connect = http.request({
      host: this.proxy.host,
      port: this.proxy.port,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(this.proxy.authorization ? { 'proxy-authorization': this.proxy.authorization } : {}) },
      agent: false,
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(proxyRefusal(this.proxy, res.statusCode ?? 0), undefined as unknown as Duplex);
        return;
      }
      const secure = tls.connect({ ...(options as tls.ConnectionOptions), socket, ...(isIP(host) ? {} : { servername: host }) });
      done(null, secure);
    });
    connect.once('error', (err) => done(err, undefined as unknown as Duplex));
    connect.end();
    return undefined;
  }
}
