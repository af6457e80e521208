// msal-node's HTTP client (system.networkClient). Ours instead of MSAL's fetch-based default for two reasons:
// it trusts an extra CA (a private authority, or the test stand-in) in addition to Node's roots, and it
// refuses any host not on the allow-list before a socket is opened, so a mis-configured or tampered
// authority metadata document cannot send codes or refresh tokens anywhere else.
import * as https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface AuthNetworkClientOptions {
  /** Extra CA (PEM) trusted in addition to Node's bundled roots. */
  ca?: string | Buffer;
  /** Returns false for URLs that must never be contacted. */
  allow: (url: URL) => boolean;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface NetworkAttempt {
  method: 'GET' | 'POST';
  /** Origin and path only: queries and bodies may carry codes or tokens. */
  target: string;
  outcome: 'refused' | 'failed' | number;
  /** Socket error code or refusal reason. */
  code?: string;
}

export interface AuthNetworkClient extends INetworkModule {
  /** Everything this client was asked to contact, for the network guard in tests and for diagnostics. */
  readonly attempts: readonly NetworkAttempt[];
  /** The last transport failure, so a generic MSAL "network_error" can be explained to the user. */
  lastFailure(): NetworkAttempt | null;
}

const MAX_BODY = 1024 * 1024;
const MAX_ATTEMPTS_KEPT = 200;

export function createAuthNetworkClient(opts: AuthNetworkClientOptions): AuthNetworkClient {
  const attempts: NetworkAttempt[] = [];
  let last: NetworkAttempt | null = null;
  // `ca` on an agent replaces the default roots; the real clouds still need them.
  const agent = new https.Agent({ keepAlive: false, ...(opts.ca ? { ca: [...rootCertificates, opts.ca.toString()] } : {}) });
  const log = opts.log ?? (() => undefined);

  function record(a: NetworkAttempt): void {
    attempts.push(a);
    if (attempts.length > MAX_ATTEMPTS_KEPT) attempts.shift();
    if (a.outcome === 'refused' || a.outcome === 'failed') last = a;
  }

  function send<T>(method: 'GET' | 'POST', raw: string, options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      record({ method, target: '(invalid URL)', outcome: 'refused', code: 'INVALID_URL' });
      return Promise.reject(new Error('Refused an invalid URL.'));
    }
    const target = `${url.origin}${url.pathname}`;
    if (url.protocol !== 'https:' || url.username || url.password || !opts.allow(url)) {
      record({ method, target, outcome: 'refused', code: 'NOT_ALLOWED' });
      log(`auth network: refused ${method} ${target}`);
      // MSAL turns any non-MSAL error into its own network_error; the service explains it from lastFailure().
      return Promise.reject(new Error(`Portolan refused to contact ${url.origin}.`));
    }
    const deadline = timeout ?? opts.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const body = method === 'POST' ? Buffer.from(options?.body ?? '', 'utf8') : undefined;
      const headers: Record<string, string> = { ...(options?.headers ?? {}) };
      if (body) headers['content-length'] = String(body.length);
      const req = https.request(url, { method, headers, agent, timeout: deadline }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) {
            req.destroy(Object.assign(new Error('response too large'), { code: 'TOO_LARGE' }));
            return;
          }
          chunks.push(c);
        });
        res.on('error', (err: NodeJS.ErrnoException) => fail(err));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? {} : JSON.parse(text);
          } catch {
            record({ method, target, outcome: 'failed', code: `NOT_JSON_${status}` });
            reject(new Error(`The sign-in server answered ${status} with something that is not JSON.`));
            return;
          }
          record({ method, target, outcome: status });
          const outHeaders: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) outHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status, headers: outHeaders, body: parsed as T });
        });
      });
      const fail = (err: NodeJS.ErrnoException): void => {
        record({ method, target, outcome: 'failed', code: err.code ?? 'ERROR' });
        log(`auth network: ${method} ${target} failed (${err.code ?? 'error'})`);
        reject(new Error(`Could not reach ${url.origin} (${err.code ?? 'error'}).`));
      };
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', fail);
      req.end(body);
    });
  }

  return {
    attempts,
    lastFailure: () => last,
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>('GET', url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}

/** Sign-in hosts of the four Microsoft clouds the app supports (see reference/graph-threat-intelligence.md). */
export const MICROSOFT_LOGIN_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
];

/** The default allow-list: the Microsoft login hosts over https, plus the configured authority's own origin. */
export function defaultAllowHosts(authority: () => string): (url: URL) => boolean {
  return (url) => {
    if (url.protocol !== 'https:') return false;
    if (MICROSOFT_LOGIN_HOSTS.includes(url.hostname.toLowerCase()) && (url.port === '' || url.port === '443')) return true;
    try {
      return new URL(authority()).origin === url.origin;
    } catch {
      return false;
    }
  };
}
