// Answers Graph-shaped threat-intelligence requests from an in-memory dataset. Pure (no sockets), so the
// embedded demo transport and the local test server give exactly the same answers.
import { randomUUID } from 'node:crypto';
import { answerHostEndpoint, type HostContextData } from './host-responder';

export interface GraphDataset {
  /**
   * hostPort id → what GET hostPorts/{id} returns: text is served verbatim (unless $select/$expand force a
   * change), anything else as JSON. Wrap a value in {"value": …} to serve it the way the seed's example does.
   */
  hostPorts: Record<string, unknown>;
  /**
   * Host (lower-case) → entries of GET hosts/{host}/ports. Hosts without an entry get a list derived from
   * `hostPorts` by host.id. Entries are hostPort entities; GET hostPorts/{id} also answers for them.
   */
  ports?: Record<string, Record<string, unknown>[]>;
  /** Items per page of a port list, overall or per host (default 100). */
  pageSize?: number | Record<string, number>;
  /** Host (lower-case) → what the host endpoints answer (host, reputation, whois, passive DNS). */
  hosts?: Record<string, HostContextData>;
  /** Certificate id → GET sslCertificates/{id}/relatedHosts entries. */
  relatedHosts?: Record<string, Record<string, unknown>[]>;
}

export interface GraphRequestLike {
  method: string;
  /** Full request URL. */
  url: string;
  headers?: Record<string, string | undefined>;
}

export interface GraphAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface AnswerOptions {
  /** The service root this responder is mounted at (origin plus optional path, no version). */
  serviceRoot: string;
  /** Puts next-page links on another origin (to test that clients refuse to follow them). */
  nextLinkOrigin?: string;
}

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const ROUTE = /^\/(v1\.0|beta)\/security\/threatIntelligence\/(hostPorts\/([^/]+)|hosts\/([^/]+)\/ports)$/;

export function answerGraphRequest(dataset: GraphDataset, req: GraphRequestLike, opts: AnswerOptions): GraphAnswer {
  const url = new URL(req.url);
  const rootPath = new URL(opts.serviceRoot).pathname.replace(/\/+$/, '');
  const clientRequestId = req.headers?.['client-request-id'];
  if (req.method !== 'GET') return graphError(405, 'Request_BadRequest', 'Only GET is supported here.', clientRequestId);
  if (!url.pathname.startsWith(`${rootPath}/`)) return graphError(404, 'NotFound', 'Unknown path.', clientRequestId);
  const hostAnswer = answerHostEndpoint(dataset, url, url.pathname.slice(rootPath.length), opts, clientRequestId, { ok, graphError, pageOf });
  if (hostAnswer) return hostAnswer;
  const m = ROUTE.exec(url.pathname.slice(rootPath.length));
  if (!m) return graphError(400, 'BadRequest', 'Resource not found for the segment.', clientRequestId);
  const [, version, , idSegment, hostSegment] = m;
  const select = splitList(url.searchParams.get('$select'));
  const expand = splitList(url.searchParams.get('$expand'));
  for (const field of select) {
    if (field.includes('/')) return graphError(400, 'BadRequest', 'Nested $select is not supported.', clientRequestId);
  }
  const base = new URL(opts.serviceRoot);
  const context = `${base.origin}${rootPath}/${version}/$metadata`;

  if (idSegment !== undefined) {
    const id = safeDecode(idSegment);
    const body = id === null ? undefined : findHostPort(dataset, id);
    if (body === undefined) {
      return graphError(404, 'itemNotFound', `Resource '${(id ?? idSegment).slice(0, 100)}' does not exist.`, clientRequestId);
    }
    return ok(renderHostPort(body, select, expand.includes('mostRecentSslCertificate'), context), clientRequestId);
  }

  const host = safeDecode(hostSegment ?? '')?.toLowerCase() ?? '';
  const items = portList(dataset, host);
  if (items === null) return graphError(404, 'itemNotFound', `Host '${host.slice(0, 100)}' has no observations.`, clientRequestId);
  const size = pageSizeFor(dataset, host);
  const collection = `${context}#Collection(microsoft.graph.security.hostPort)`;
  // The list honours $expand=mostRecentSslCertificate, as Graph documents for hosts/{id}/ports.
  const expandCert = expand.includes('mostRecentSslCertificate');
  return ok(JSON.stringify(pageOf(items, url, size, opts, collection, (item) => project(expandCert ? item : referenceCertificate(item), select))), clientRequestId);
}

/** One page of a collection with an opaque $skiptoken next link, as Graph pages its lists. */
export function pageOf(
  items: readonly Record<string, unknown>[],
  url: URL,
  size: number,
  opts: AnswerOptions,
  context: string,
  map: (item: Record<string, unknown>) => unknown = (item) => item,
): Record<string, unknown> {
  const offset = decodeSkipToken(url.searchParams.get('$skiptoken'));
  const payload: Record<string, unknown> = { '@odata.context': context, value: items.slice(offset, offset + size).map(map) };
  if (offset + size < items.length) {
    const origin = opts.nextLinkOrigin ? new URL(opts.nextLinkOrigin).origin : url.origin;
    const params = url.search
      .replace(/^\?/, '')
      .split('&')
      .filter((p) => p !== '' && !/^(\$|%24)skiptoken=/i.test(p));
    // The token is opaque on purpose: clients must follow the whole link, not compute offsets.
    params.push(`$skiptoken=${encodeSkipToken(offset + size)}`);
    payload['@odata.nextLink'] = `${origin}${url.pathname}?${params.join('&')}`;
  }
  return payload;
}

function findHostPort(dataset: GraphDataset, id: string): unknown {
  if (Object.prototype.hasOwnProperty.call(dataset.hostPorts, id)) return dataset.hostPorts[id];
  for (const list of Object.values(dataset.ports ?? {})) {
    const hit = list.find((item) => item.id === id);
    if (hit) return hit;
  }
  return undefined;
}

function portList(dataset: GraphDataset, host: string): Record<string, unknown>[] | null {
  const explicit = dataset.ports && Object.prototype.hasOwnProperty.call(dataset.ports, host) ? dataset.ports[host] : undefined;
  if (explicit) return explicit;
  const derived: Record<string, unknown>[] = [];
  for (const body of Object.values(dataset.hostPorts)) {
    const entity = entityOf(typeof body === 'string' ? tryParse(body) : body);
    const hostObj = entity?.host;
    if (entity && isObj(hostObj) && typeof hostObj.id === 'string' && hostObj.id.toLowerCase() === host) derived.push(entity);
  }
  return derived.length ? derived : null;
}

/** Applies $select and (absent $expand) reduces the certificate to a reference, as Graph does. */
function renderHostPort(body: unknown, select: string[], expandCert: boolean, context: string): string {
  const parsed = typeof body === 'string' ? tryParse(body) : body;
  const wrapped = isObj(parsed) && !('id' in parsed) && isObj(parsed.value);
  const entity = entityOf(parsed);
  if (!entity) return typeof body === 'string' ? body : JSON.stringify(body);
  let out: Record<string, unknown> = entity;
  if (!expandCert) out = referenceCertificate(out);
  if (select.length) out = project(out, select);
  if (out === entity) return typeof body === 'string' ? body : JSON.stringify({ '@odata.context': `${context}#security/threatIntelligence/hostPorts/$entity`, ...entity });
  return JSON.stringify(wrapped ? { ...(parsed as object), value: out } : out);
}

function referenceCertificate(entity: Record<string, unknown>): Record<string, unknown> {
  const cert = entity.mostRecentSslCertificate;
  if (!isObj(cert) || Object.keys(cert).every((k) => k === 'id' || k.startsWith('@odata.'))) return entity;
  return { ...entity, mostRecentSslCertificate: { id: cert.id } };
}

function project(entity: Record<string, unknown>, select: string[]): Record<string, unknown> {
  if (!select.length) return entity;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) {
    if (k.startsWith('@odata.') || select.includes(k)) out[k] = v;
  }
  return out;
}

function entityOf(json: unknown): Record<string, unknown> | null {
  if (isObj(json) && !('id' in json) && isObj(json.value)) return json.value;
  return isObj(json) ? json : null;
}

function pageSizeFor(dataset: GraphDataset, host: string): number {
  const p = dataset.pageSize;
  const size = typeof p === 'number' ? p : (p?.[host] ?? 100);
  return Math.max(1, Math.floor(size));
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(`portolan-skip:${offset}`).toString('base64url');
}

function decodeSkipToken(token: string | null): number {
  if (!token) return 0;
  const m = /^portolan-skip:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : 0;
}

export function graphError(status: number, code: string, message: string, clientRequestId?: string): GraphAnswer {
  const requestId = randomUUID();
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, '');
  const innerError: Record<string, string> = { date, 'request-id': requestId };
  if (clientRequestId) innerError['client-request-id'] = clientRequestId;
  return {
    status,
    headers: { 'content-type': 'application/json', 'request-id': requestId, ...(clientRequestId ? { 'client-request-id': clientRequestId } : {}) },
    body: JSON.stringify({ error: { code, message, innerError } }),
  };
}

export function ok(body: string, clientRequestId: string | undefined): GraphAnswer {
  return {
    status: 200,
    headers: { 'content-type': JSON_TYPE, 'request-id': randomUUID(), ...(clientRequestId ? { 'client-request-id': clientRequestId } : {}) },
    body,
  };
}

function splitList(value: string | null): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
