// The host endpoints of the Graph stand-in and the demo: GET hosts/{host}, its reputation, whois, passiveDns,
// passiveDnsReverse, and sslCertificates/{id}/relatedHosts, the lists paged as Graph pages them. A host with
// no entry for an endpoint answers 404, as Graph does for what it never observed.
import type { AnswerOptions, GraphAnswer } from './graph-responder';

export interface HostContextData {
  /** GET hosts/{host}: an ipAddress or hostname entity. */
  host?: Record<string, unknown>;
  reputation?: Record<string, unknown>;
  whois?: Record<string, unknown>;
  passiveDns?: Record<string, unknown>[];
  passiveDnsReverse?: Record<string, unknown>[];
  /** Items per page of the passive DNS lists (default 100). */
  pageSize?: number;
}

export interface HostEndpointData {
  hosts?: Record<string, HostContextData>;
  relatedHosts?: Record<string, Record<string, unknown>[]>;
}

/** What the answering code needs from the main responder (passed in, so neither module imports the other). */
export interface ResponderKit {
  ok(body: string, clientRequestId: string | undefined): GraphAnswer;
  graphError(status: number, code: string, message: string, clientRequestId?: string): GraphAnswer;
  pageOf(items: readonly Record<string, unknown>[], url: URL, size: number, opts: AnswerOptions, context: string): Record<string, unknown>;
}

const HOST_ROUTE = /^\/(v1\.0|beta)\/security\/threatIntelligence\/hosts\/([^/]+)(?:\/(reputation|whois|passiveDns|passiveDnsReverse))?$/;
const CERT_ROUTE = /^\/(v1\.0|beta)\/security\/threatIntelligence\/sslCertificates\/([^/]+)\/relatedHosts$/;

/** The answer for a host endpoint, or null when the path is not one (the caller routes it on). */
export function answerHostEndpoint(
  data: HostEndpointData,
  url: URL,
  path: string,
  opts: AnswerOptions,
  clientRequestId: string | undefined,
  kit: ResponderKit,
): GraphAnswer | null {
  const context = `${new URL(opts.serviceRoot).origin}/v1.0/$metadata`;
  const cert = CERT_ROUTE.exec(path);
  if (cert) {
    const id = decode(cert[2]!);
    const list = id === null ? undefined : data.relatedHosts?.[id];
    if (!list) return kit.graphError(404, 'itemNotFound', `Certificate '${(id ?? '').slice(0, 100)}' does not exist.`, clientRequestId);
    return kit.ok(JSON.stringify(kit.pageOf(list, url, 100, opts, `${context}#Collection(microsoft.graph.security.host)`)), clientRequestId);
  }
  const m = HOST_ROUTE.exec(path);
  if (!m) return null;
  const host = decode(m[2]!)?.toLowerCase() ?? '';
  const endpoint = m[3] ?? 'host';
  const entry = data.hosts?.[host];
  const missing = (): GraphAnswer => kit.graphError(404, 'NotFound', `No ${endpoint} observed for '${host.slice(0, 100)}'.`, clientRequestId);
  if (!entry) return missing();
  switch (endpoint) {
    case 'host':
    case 'reputation':
    case 'whois': {
      const body = endpoint === 'host' ? entry.host : entry[endpoint];
      return body ? kit.ok(JSON.stringify(body), clientRequestId) : missing();
    }
    default: {
      const list = endpoint === 'passiveDns' ? entry.passiveDns : entry.passiveDnsReverse;
      if (!list) return missing();
      const payload = kit.pageOf(list, url, Math.max(1, entry.pageSize ?? 100), opts, `${context}#Collection(microsoft.graph.security.passiveDnsRecord)`);
      return kit.ok(JSON.stringify(payload), clientRequestId);
    }
  }
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
