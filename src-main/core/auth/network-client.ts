// msal-node's HTTP client (system.networkClient), on the same transport as Graph requests: in the app that is
// Chromium's network stack (system and PAC proxy, OS trust store), in the preview and tests Node's (an extra CA,
// an optional forward proxy). It refuses any host not on the allow-list before the transport is asked, so a
// mis-configured or tampered authority metadata document cannot send codes or refresh tokens anywhere else.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { PortolanFailure } from '../failure';
import type { HttpTransport } from '../ports';

export interface AuthNetworkClientOptions {
  transport: HttpTransport;
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

const MAX_ATTEMPTS_KEPT = 200;

export function createAuthNetworkClient(opts: AuthNetworkClientOptions): AuthNetworkClient {
  const attempts: NetworkAttempt[] = [];
  let last: NetworkAttempt | null = null;
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
    const headers: Record<string, string> = { ...(options?.headers ?? {}) };
    return opts
      .transport({ method, url: url.href, headers, ...(method === 'POST' ? { body: options?.body ?? '' } : {}), timeoutMs: deadline, freshConnection: true })
      .then(
        (res) => {
          let parsed: unknown;
          try {
            parsed = res.body === '' ? {} : JSON.parse(res.body);
          } catch {
            record({ method, target, outcome: 'failed', code: `NOT_JSON_${res.status}` });
            throw new Error(`The sign-in server answered ${res.status} with something that is not JSON.`);
          }
          record({ method, target, outcome: res.status });
          return { status: res.status, headers: res.headers, body: parsed as T };
        },
        (err: unknown) => {
          const code = err instanceof PortolanFailure ? (err.error.code ?? err.error.kind) : 'ERROR';
          record({ method, target, outcome: 'failed', code });
          log(`auth network: ${method} ${target} failed (${code})`);
          throw new Error(err instanceof PortolanFailure ? err.error.message : `Could not reach ${url.origin} (${code}).`);
        },
      );
  }

  return {
    attempts,
    lastFailure: () => last,
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>('GET', url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}

/** Sign-in hosts of the four Microsoft clouds the app supports (the table in graph/clouds.ts, plus China's second host). */
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
