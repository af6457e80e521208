// The Microsoft Graph client for Defender Threat Intelligence host ports: token, retries, paging, parsing.
import { randomUUID } from 'node:crypto';
import type { HostSectionRequest } from '../../../src-shared/host-section-contract';
import type { HostPortEntryView, HostPortListView, HostSectionView } from '../../../src-shared/host-views';
import { otherPropertiesOf, type OtherProperty } from '../../../src-shared/other-properties';
import type { CloudId, HostPortView, LookupRequestInfo, PortolanError } from '../../../src-shared/views';
import { fail, PortolanFailure } from '../failure';
import { isTransientNetworkCode } from '../net/node-transport';
import { abortableSleep } from '../net/sleep';
import { joinRoot, originOf } from '../net/url';
import type { Clock, HttpResponse, HttpTransport, Sleep, TokenSource } from '../ports';
import { systemClock } from '../ports';
import { mapGraphError } from './errors';
import { fetchHostSection } from './host-sections';
import { pickEntry, readPortList } from './port-list';
import { parseHostPortBody } from './parse';
import { backoffDelayMs, DEFAULT_BACKOFF, throttleDelayMs, type BackoffPolicy } from './retry';
import { buildHostPortQuery } from './select';
import { hostPortIdPathSegment, normaliseHost, normaliseHostPortId, normaliseLookupTarget } from './target';

export interface GraphClientOptions {
  transport: HttpTransport;
  /** Service root without version, e.g. https://graph.microsoft.com. */
  serviceRoot: string;
  apiVersion: 'v1.0' | 'beta';
  tokens: TokenSource;
  /** Per-request deadline (default 30 s). */
  timeoutMs?: number;
  /** Attempts per request for throttling and dropped connections (default 4). */
  maxAttempts?: number;
  sleep?: Sleep;
  random?: () => number;
  /** Longest single wait; a Retry-After beyond it is reported to the analyst instead of waited out (default 30 s). */
  maxRetryDelayMs?: number;
  clock?: Clock;
  /** Bound on @odata.nextLink pages for one host's port list (default 200). */
  maxPages?: number;
  /** The national cloud in force: endpoints Microsoft lists as unavailable there are never called. Default: custom (no limits). */
  cloud?: CloudId;
}

export interface HostPortQuery {
  select?: readonly string[] | undefined;
  expandCertificate: boolean;
}

export interface LookupInput extends HostPortQuery {
  host?: string | undefined;
  port?: number | string | undefined;
  hostPortId?: string | undefined;
  /** With hostPortId: also read this host's port list (a port picked from the list on screen). */
  portListHost?: string | undefined;
}

export interface HostPortResult {
  hostPort: HostPortView;
  /** The body text exactly as received. */
  raw: string;
  /** What the body holds that the view does not show, read from the parse that built the view. */
  otherProperties: OtherProperty[];
  request: LookupRequestInfo;
  fetchedAt: string;
  portList?: HostPortListView;
}

export interface ResolvedId {
  id: string;
  /** 'portList': found in the host's port list. 'composed': best-effort fallback, see resolveHostPortId. */
  via: 'portList' | 'composed';
  host: string;
  port: number;
  /** Every entry of the host's port list (empty when Graph listed nothing). */
  list: HostPortEntryView[];
}

export interface GraphClient {
  getHostPort(id: string, query: HostPortQuery, signal?: AbortSignal): Promise<HostPortResult>;
  resolveHostPortId(host: string, port: number | string, signal?: AbortSignal): Promise<ResolvedId>;
  lookup(input: LookupInput, signal?: AbortSignal): Promise<HostPortResult>;
  /** One host endpoint (host, reputation, whois, passive DNS, related hosts), or one more page of it. */
  hostSection(request: HostSectionRequest, signal?: AbortSignal): Promise<HostSectionView>;
}

const TI = 'security/threatIntelligence';

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const root = joinRoot(opts.serviceRoot, opts.apiVersion);
  const rootOrigin = originOf(opts.serviceRoot);
  if (!rootOrigin || rootOrigin === 'null') throw fail('notConfigured', 'The Graph service root is not a valid URL.');
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 4);
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  const clock = opts.clock ?? systemClock;
  const maxPages = opts.maxPages ?? 200;
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, maxMs: opts.maxRetryDelayMs ?? DEFAULT_BACKOFF.maxMs };

  /**
   * One GET with the retry rules: throttling (429, 503, 504) waits for Retry-After or backs off; a dropped
   * connection backs off (GETs are idempotent); a 401 refreshes the token exactly once. Returns any other
   * response, successful or not, for the caller to map.
   */
  async function get(url: string, signal: AbortSignal | undefined): Promise<HttpResponse> {
    if (signal?.aborted) throw fail('cancelled', 'The request was cancelled.');
    let token = await opts.tokens.getToken({ forceRefresh: false, ...(signal ? { signal } : {}) });
    let refreshed = false;
    let attempt = 0;
    for (;;) {
      let res: HttpResponse;
      try {
        res = await opts.transport({
          method: 'GET',
          url,
          // The token travels only in this header: never in the URL, never in a message.
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'client-request-id': randomUUID() },
          timeoutMs,
          ...(signal ? { signal } : {}),
        });
      } catch (err) {
        if (err instanceof PortolanFailure && err.error.kind === 'network' && isTransientNetworkCode(err.error.code) && attempt + 1 < maxAttempts) {
          await sleep(backoffDelayMs(attempt, random, policy), signal);
          attempt++;
          continue;
        }
        throw err;
      }
      if (res.status === 401) {
        if (refreshed) {
          const mapped = mapGraphError(res, { subject: '', nowMs: clock.now() });
          throw fail('unauthorized', 'Microsoft Graph still rejects the sign-in after a token refresh. Sign in again.', stripKind(mapped));
        }
        refreshed = true;
        token = await opts.tokens.getToken({ forceRefresh: true, ...(signal ? { signal } : {}) });
        continue;
      }
      if (res.status === 429 || res.status === 503 || res.status === 504) {
        const { delayMs } = throttleDelayMs(res.headers['retry-after'], attempt, clock.now(), random, policy);
        // Waiting longer than the bound would look like a hang: report the throttling (with Retry-After) instead.
        if (attempt + 1 >= maxAttempts || delayMs > policy.maxMs) return res;
        await sleep(delayMs, signal);
        attempt++;
        continue;
      }
      return res;
    }
  }

  async function getHostPort(id: string, query: HostPortQuery, signal?: AbortSignal): Promise<HostPortResult> {
    return fetchHostPort(normaliseHostPortId(id), query, null, signal);
  }

  async function fetchHostPort(
    id: string,
    query: HostPortQuery,
    resolvedFrom: { host: string; port: number } | null,
    signal: AbortSignal | undefined,
  ): Promise<HostPortResult> {
    const built = buildHostPortQuery(query);
    const url = `${joinRoot(root, TI, 'hostPorts', hostPortIdPathSegment(id))}${built.search}`;
    const res = await get(url, signal);
    if (res.status < 200 || res.status > 299) {
      const subject = resolvedFrom
        ? `port ${resolvedFrom.port} on ${resolvedFrom.host}`
        : `a host port with ID ${JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id)}`;
      throw toFailure(mapGraphError(res, { subject, nowMs: clock.now() }));
    }
    const { hostPort, entity } = parseHostPortBody(res.body);
    return {
      hostPort,
      raw: res.body,
      otherProperties: otherPropertiesOf(entity),
      request: { url, select: [...built.select], expand: built.expand, resolvedFrom },
      fetchedAt: new Date(clock.now()).toISOString(),
    };
  }

  /**
   * host:port → id through GET /hosts/{host}/ports, following @odata.nextLink to the end. Ids are opaque, so
   * they are matched by the port property and never decoded or constructed when the list has the answer.
   */
  async function resolveHostPortId(hostInput: string, portInput: number | string, signal?: AbortSignal): Promise<ResolvedId> {
    const target = normaliseLookupTarget(hostInput, portInput);
    if (target.kind !== 'hostPort') throw fail('invalidInput', 'That is a Graph link to one host port; look it up by its host port ID.');
    const { host, port } = target;
    const list = await readHostPortList(host, signal);
    const hit = list ? pickEntry(list, port) : null;
    if (hit) return { id: hit.id, via: 'portList', host, port, list: list ?? [] };
    // Best-effort fallback: the seed's example id is base64("85.13.139.18$$21"). Ids are documented as
    // opaque, so this is only tried when the port list has no answer, and a 404 on it means "never observed".
    return { id: Buffer.from(`${host}$$${port}`, 'utf8').toString('base64'), via: 'composed', host, port, list: list ?? [] };
  }

  /** Every page of GET /hosts/{host}/ports; null when Graph has nothing listed for the host (404). */
  function readHostPortList(host: string, signal: AbortSignal | undefined): Promise<HostPortEntryView[] | null> {
    const url = `${joinRoot(root, TI, 'hosts', encodeURIComponent(host), 'ports')}?$select=id,port,protocol,status,lastSeenDateTime`;
    const onError = (res: HttpResponse): never => {
      throw toFailure(mapGraphError(res, { subject: `the host ${host}`, nowMs: clock.now() }));
    };
    return readPortList({ get, checkNextLink, maxPages, onError }, url, host, signal);
  }

  function checkNextLink(link: string, seen: Set<string>): string | null {
    const origin = originOf(link);
    if (origin !== rootOrigin) {
      throw fail(
        'invalidResponse',
        `Portolan refused to follow a next-page link to ${origin && origin !== 'null' ? origin : 'an invalid address'}: it is not the Graph service root ${rootOrigin}.`,
      );
    }
    // A link we already fetched would loop forever.
    return seen.has(link) ? null : link;
  }

  async function lookup(input: LookupInput, signal?: AbortSignal): Promise<HostPortResult> {
    const query: HostPortQuery = { select: input.select, expandCertificate: input.expandCertificate };
    // A pasted id wins: it names exactly one hostPort, while host and port need resolving.
    if (typeof input.hostPortId === 'string' && input.hostPortId.trim() !== '') {
      const listHost = input.portListHost?.trim() ? normaliseHost(input.portListHost) : null;
      const result = await getHostPort(input.hostPortId, query, signal);
      if (!listHost) return { ...result, request: { ...result.request, idFrom: 'pasted' } };
      // Picked from the host's list on screen: read the list again so the answer shows it as it is now.
      const list = await readHostPortList(listHost.host, signal).catch(() => null);
      return {
        ...result,
        request: { ...result.request, idFrom: 'portList' },
        ...(list ? { portList: { host: listHost.host, entries: list } } : {}),
      };
    }
    const hostEmpty = input.host === undefined || input.host.trim() === '';
    const portEmpty = input.port === undefined || (typeof input.port === 'string' && input.port.trim() === '');
    if (hostEmpty && portEmpty) throw fail('invalidInput', 'Enter a host and a port, or a host port ID.');
    if (hostEmpty) throw fail('invalidInput', 'Enter a host: an IPv4 address, an IPv6 address or a hostname.');
    // Validate both before any network traffic, so typos never cost a request. The host text may carry
    // the port (a pasted URL or host:port), read exactly as the form reads it.
    const target = normaliseLookupTarget(input.host, input.port);
    if (target.kind === 'id') {
      const result = await getHostPort(target.hostPortId, query, signal);
      return { ...result, request: { ...result.request, idFrom: 'pasted' } };
    }
    const resolved = await resolveHostPortId(target.host, target.port, signal);
    const result = await fetchHostPort(resolved.id, query, { host: resolved.host, port: resolved.port }, signal);
    return {
      ...result,
      request: { ...result.request, idFrom: resolved.via },
      ...(resolved.list.length ? { portList: { host: resolved.host, entries: resolved.list } } : {}),
    };
  }

  function hostSection(request: HostSectionRequest, signal?: AbortSignal): Promise<HostSectionView> {
    return fetchHostSection({ get, root, checkNextLink, cloud: opts.cloud ?? 'custom', clock }, request, signal);
  }

  return { getHostPort, resolveHostPortId, lookup, hostSection };
}

function stripKind(e: PortolanError): Omit<PortolanError, 'kind' | 'message'> {
  const { kind: _k, message: _m, ...rest } = e;
  return rest;
}

function toFailure(e: PortolanError): PortolanFailure {
  return new PortolanFailure(e);
}
