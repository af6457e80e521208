// The two Graph calls a bulk job makes, one attempt each: the scheduler, not the call, decides on retries,
// because a Retry-After must pause every worker and not only the one that was told. The token is shared by
// all workers: one refresh at a time, reused by every request that saw the same 401.
import { randomUUID } from 'node:crypto';
import type { HostPortView, PortolanError } from '../../../src-shared/views';
import { PortolanFailure, toPortolanError } from '../failure';
import { mapGraphError } from '../graph/errors';
import { parseHostPort, parseHostPortBody } from '../graph/parse';
import { parseRetryAfterMs } from '../graph/retry';
import { hostPortIdPathSegment } from '../graph/target';
import { joinRoot, originOf } from '../net/url';
import type { HttpResponse, HttpTransport, TokenSource } from '../ports';
import type { BulkTimers } from './timers';

export interface BulkHit {
  hostPortId: string;
  host: string | null;
  port: number | null;
  hostPort: HostPortView;
  /** The entity as received (the list item or the whole GET body). */
  raw: string;
  url: string;
}

export interface PortsPage {
  items: BulkHit[];
  nextLink: string | null;
}

export type CallAnswer<T> =
  | { kind: 'ok'; value: T }
  /** 429, or 503/504: Graph asks to slow down. */
  | { kind: 'throttled'; retryAfterMs: number | null; error: PortolanError }
  /** No answer, or a server error: worth another attempt later. */
  | { kind: 'retry'; error: PortolanError }
  /** Sign-in, consent or licence: every further request would fail the same way until the analyst acts. */
  | { kind: 'stop'; error: PortolanError }
  /** This target's definitive answer (404 and the like). */
  | { kind: 'final'; error: PortolanError }
  /** Not sent: a Retry-After window opened between taking the slot and sending. */
  | { kind: 'held' };

/** One request of a JSON batch: a port listing page or a GET by host port ID. */
export type BatchItem = { kind: 'list'; url: string; host: string } | { kind: 'id'; id: string };

export type BatchAnswer =
  /** The batch as a whole was not sent, refused or unanswered: this applies to every item in it. */
  | { kind: 'whole'; answer: Exclude<CallAnswer<never>, { kind: 'ok' }> }
  /** One answer per item, in the items' order. */
  | { kind: 'each'; answers: CallAnswer<PortsPage | BulkHit>[] };

export interface BulkGraph {
  firstPortsUrl(host: string): string;
  portsPage(url: string, host: string, signal?: AbortSignal): Promise<CallAnswer<PortsPage>>;
  hostPort(id: string, signal?: AbortSignal): Promise<CallAnswer<BulkHit>>;
  /** Up to MAX_BATCH requests in one `POST /$batch`; absent when the source does not batch. */
  batch?(items: BatchItem[], signal?: AbortSignal): Promise<BatchAnswer>;
  /** Drops the token held for the workers (after a sign-out the next request asks the token source again). */
  forgetToken?(): void;
}

export interface BulkGraphOptions {
  transport: HttpTransport;
  serviceRoot: string;
  apiVersion: 'v1.0' | 'beta';
  tokens: TokenSource;
  timers: BulkTimers;
  timeoutMs?: number;
  /** The shared gate: told of a Retry-After the moment it arrives, and asked right before each send. */
  gate?: { pausedAt(now: number): boolean; noteRetryAfter(ms: number): void };
}

const TI = 'security/threatIntelligence';
/** Graph takes at most 20 requests per JSON batch. */
export const MAX_BATCH = 20;
const STOP_KINDS = new Set(['unauthorized', 'signInRequired', 'forbidden', 'licence', 'notConfigured']);

export function createBulkGraph(opts: BulkGraphOptions): BulkGraph {
  const root = joinRoot(opts.serviceRoot, opts.apiVersion);
  const rootOrigin = originOf(opts.serviceRoot);
  let token: Promise<string> | null = null;
  let refreshing: Promise<string> | null = null;

  const getToken = (signal?: AbortSignal): Promise<string> => {
    token ??= opts.tokens.getToken({ forceRefresh: false, ...(signal ? { signal } : {}) }).catch((e: unknown) => {
      token = null;
      throw e;
    });
    return token;
  };
  const refresh = (stale: string, signal?: AbortSignal): Promise<string> => {
    // Workers that saw a 401 for the same stale token share one refresh.
    refreshing ??= opts.tokens
      .getToken({ forceRefresh: true, ...(signal ? { signal } : {}) })
      .finally(() => {
        refreshing = null;
      });
    const next = refreshing;
    token = next.catch(() => stale);
    return next;
  };

  async function send(url: string, signal?: AbortSignal, body?: string): Promise<HttpResponse | null> {
    let bearer = await getToken(signal);
    for (let refreshed = false; ; refreshed = true) {
      if (opts.gate?.pausedAt(opts.timers.now())) return null;
      const res = await opts.transport({
        method: body === undefined ? 'GET' : 'POST',
        url,
        headers: {
          authorization: `Bearer ${bearer}`,
          accept: 'application/json',
          'client-request-id': randomUUID(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
        timeoutMs: opts.timeoutMs ?? 30_000,
        ...(signal ? { signal } : {}),
      });
      if (res.status === 429 || res.status === 503 || res.status === 504) {
        const ra = parseRetryAfterMs(res.headers['retry-after'], opts.timers.now());
        if (ra !== null) opts.gate?.noteRetryAfter(ra);
      }
      if (res.status !== 401 || refreshed) return res;
      bearer = await refresh(bearer, signal);
    }
  }

  async function call<T>(url: string, subject: string, signal: AbortSignal | undefined, read: (res: HttpResponse) => T): Promise<CallAnswer<T>> {
    let res: HttpResponse;
    try {
      const sent = await send(url, signal);
      if (sent === null) return { kind: 'held' };
      res = sent;
    } catch (err) {
      return unsent(err);
    }
    return interpret(res, subject, read);
  }

  function unsent(err: unknown): Exclude<CallAnswer<never>, { kind: 'ok' }> {
    const error = toPortolanError(err);
    if (error.kind === 'cancelled') throw err;
    return STOP_KINDS.has(error.kind) ? { kind: 'stop', error } : { kind: 'retry', error };
  }

  function interpret<T>(res: HttpResponse, subject: string, read: (res: HttpResponse) => T): CallAnswer<T> {
    const now = opts.timers.now();
    if (res.status >= 200 && res.status <= 299) {
      try {
        return { kind: 'ok', value: read(res) };
      } catch (err) {
        return { kind: 'final', error: toPortolanError(err) };
      }
    }
    const error = mapGraphError(res, { subject, nowMs: now });
    if (res.status === 429 || res.status === 503 || res.status === 504) {
      return { kind: 'throttled', retryAfterMs: parseRetryAfterMs(res.headers['retry-after'], now), error };
    }
    if (STOP_KINDS.has(error.kind)) return { kind: 'stop', error };
    if (res.status >= 500) return { kind: 'retry', error };
    return { kind: 'final', error };
  }

  const listSubject = (host: string): string => `the host ${host}`;
  const idSubject = (id: string): string => `a host port with ID ${JSON.stringify(id.slice(0, 80))}`;
  const hostPortUrl = (id: string): string => `${joinRoot(root, TI, 'hostPorts', hostPortIdPathSegment(id))}?$expand=mostRecentSslCertificate`;
  const readHostPort = (id: string, url: string) => (res: HttpResponse): BulkHit => {
    const { hostPort } = parseHostPortBody(res.body);
    return { hostPortId: hostPort.id || id, host: hostPort.host?.id ?? null, port: hostPort.port, hostPort, raw: res.body, url };
  };

  async function batch(items: BatchItem[], signal?: AbortSignal): Promise<BatchAnswer> {
    const urls = items.map((it) => (it.kind === 'list' ? it.url : hostPortUrl(it.id)));
    // Sub-request URLs are relative to the version root; a next-page link is on the same root (checked when read).
    const relative = urls.map((u) => (u.startsWith(root) ? u.slice(root.length) : null));
    if (relative.some((u) => u === null)) {
      return { kind: 'whole', answer: { kind: 'final', error: { kind: 'invalidResponse', message: 'A batched request left the Graph service root.' } } };
    }
    const body = JSON.stringify({ requests: relative.map((url, i) => ({ id: String(i + 1), method: 'GET', url })) });
    let res: HttpResponse;
    try {
      const sent = await send(joinRoot(root, '$batch'), signal, body);
      if (sent === null) return { kind: 'whole', answer: { kind: 'held' } };
      res = sent;
    } catch (err) {
      return { kind: 'whole', answer: unsent(err) };
    }
    const whole = interpret(res, 'a batch of requests', (r) => readBatch(r.body));
    if (whole.kind !== 'ok') return { kind: 'whole', answer: whole.kind === 'final' ? { kind: 'retry', error: whole.error } : whole };
    const now = opts.timers.now();
    const answers = items.map((it, i): CallAnswer<PortsPage | BulkHit> => {
      const sub = whole.value.get(String(i + 1));
      if (!sub) return { kind: 'retry', error: { kind: 'invalidResponse', message: 'The batch answer left a request unanswered.' } };
      if (sub.status === 429 || sub.status === 503 || sub.status === 504) {
        const ra = parseRetryAfterMs(sub.headers['retry-after'], now);
        if (ra !== null) opts.gate?.noteRetryAfter(ra);
      }
      return it.kind === 'list'
        ? interpret(sub, listSubject(it.host), (r) => readPortsPage(r.body, it.host, it.url, rootOrigin))
        : interpret(sub, idSubject(it.id), readHostPort(it.id, urls[i]!));
    });
    return { kind: 'each', answers };
  }

  return {
    batch,
    forgetToken() {
      token = null;
    },
    firstPortsUrl: (host) => `${joinRoot(root, TI, 'hosts', encodeURIComponent(host), 'ports')}?$expand=mostRecentSslCertificate`,
    portsPage(url, host, signal) {
      return call(url, listSubject(host), signal, (res) => readPortsPage(res.body, host, url, rootOrigin));
    },
    hostPort(id, signal) {
      const url = hostPortUrl(id);
      return call(url, idSubject(id), signal, readHostPort(id, url));
    },
  };
}

/** The sub-responses of a batch answer by id, each as an HTTP response (lower-cased headers, body as text). */
function readBatch(body: string): Map<string, HttpResponse> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PortolanFailure({ kind: 'invalidResponse', message: 'The batch answer is not valid JSON.' });
  }
  const list = typeof json === 'object' && json !== null ? (json as { responses?: unknown }).responses : undefined;
  const out = new Map<string, HttpResponse>();
  for (const r of Array.isArray(list) ? list : []) {
    if (typeof r !== 'object' || r === null) continue;
    const { id, status, headers, body: sub } = r as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
    if (typeof id !== 'string' || typeof status !== 'number') continue;
    const h: Record<string, string> = {};
    if (typeof headers === 'object' && headers !== null) for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') h[k.toLowerCase()] = v;
    out.set(id, { status, headers: h, body: typeof sub === 'string' ? sub : JSON.stringify(sub ?? null) });
  }
  return out;
}

function readPortsPage(body: string, host: string, url: string, rootOrigin: string | null): PortsPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PortolanFailure({ kind: 'invalidResponse', message: `The port list of ${host} is not valid JSON.` });
  }
  const obj = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const items: BulkHit[] = [];
  for (const item of Array.isArray(obj.value) ? obj.value : []) {
    let hostPort: HostPortView;
    try {
      hostPort = parseHostPort(item);
    } catch {
      continue;
    }
    if (!hostPort.id) continue;
    items.push({ hostPortId: hostPort.id, host, port: hostPort.port, hostPort, raw: JSON.stringify(item), url });
  }
  const next = obj['@odata.nextLink'];
  let nextLink = typeof next === 'string' && next !== '' ? next : null;
  // Only links on the service root are followed (the token must not travel elsewhere); a repeat would loop.
  if (nextLink !== null && originOf(nextLink) !== rootOrigin) {
    throw new PortolanFailure({ kind: 'invalidResponse', message: `Portolan refused to follow a next-page link of ${host} off the Graph service root.` });
  }
  if (nextLink === url) nextLink = null;
  return { items, nextLink };
}
