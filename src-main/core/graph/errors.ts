// Maps a non-success Graph response to the typed taxonomy. Branches on status and error.code only:
// messages are localised and change without notice.
import type { PortolanError } from '../../../src-shared/views';
import { redactSecrets } from '../failure';
import type { HttpResponse } from '../ports';
import { parseRetryAfterMs } from './retry';

export interface GraphErrorBody {
  code: string | null;
  message: string | null;
  requestId: string | null;
  clientRequestId: string | null;
  date: string | null;
}

export interface ErrorContext {
  /** For 404: what was never observed, e.g. 'port 21 on 85.13.139.18' or 'a host port with ID "…"'. */
  subject: string;
  nowMs?: number;
}

/**
 * Both licensing statements, because tenants meet both: Microsoft's current documentation says the threat
 * intelligence APIs come with a Microsoft Defender XDR or Microsoft Sentinel licence; older documentation
 * required a Microsoft Defender Threat Intelligence licence plus the API add-on.
 */
export const LICENCE_FACTS =
  "Microsoft's current documentation says the threat intelligence APIs are available with a Microsoft Defender XDR or Microsoft Sentinel licence; " +
  'older documentation required a Microsoft Defender Threat Intelligence licence plus the API add-on.';

const LICENCE_HINT =
  'A likely cause is that this tenant is not licensed for the threat intelligence API, and tenants without it have been seen to get this ' +
  `answer instead of a clean "access denied". ${LICENCE_FACTS}`;

/** Reads Graph's {"error":{code,message,innerError:{…}}}; null when the body is not JSON of that shape. */
export function readGraphError(body: string): GraphErrorBody | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isObj(json) || !isObj(json.error)) return null;
  const e = json.error;
  const inner = isObj(e.innerError) ? e.innerError : isObj(e.innererror) ? e.innererror : {};
  return {
    code: text(e.code),
    message: text(e.message),
    requestId: text(inner['request-id']) ?? text(inner.requestId),
    clientRequestId: text(inner['client-request-id']),
    date: text(inner.date),
  };
}

export function isJsonBody(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

export function mapGraphError(res: HttpResponse, ctx: ErrorContext): PortolanError {
  const graph = readGraphError(res.body);
  const nonJson = !isJsonBody(res.body);
  const code = graph?.code ?? undefined;
  const base: Omit<PortolanError, 'kind' | 'message'> = { status: res.status };
  if (code) base.code = code;
  const requestId = graph?.requestId ?? res.headers['request-id'] ?? graph?.clientRequestId ?? res.headers['client-request-id'];
  if (requestId) base.requestId = requestId;
  const date = graph?.date ?? res.headers['date'];
  if (date) base.date = date;
  if (graph?.message) base.detail = redactSecrets(graph.message).slice(0, 500);
  else if (nonJson && res.body.trim()) base.detail = redactSecrets(snippet(res.body));
  const label = code ? `${res.status} ${code}` : `${res.status}`;

  const status = res.status;
  const retryAfterMs = parseRetryAfterMs(res.headers['retry-after'], ctx.nowMs ?? Date.now());
  if (status === 401) {
    return { kind: 'unauthorized', message: `Microsoft Graph did not accept the sign-in (${label}). Sign in again.`, ...base };
  }
  if (status === 403) {
    return {
      kind: 'forbidden',
      message:
        `Microsoft Graph denied access (${label}). The app may be missing admin consent for ThreatIntelligence.Read.All, ` +
        `or the tenant may lack a licence for the threat intelligence API. ${LICENCE_FACTS}`,
      ...base,
    };
  }
  if (status === 404) {
    return { kind: 'notFound', message: `Defender Threat Intelligence has never observed ${ctx.subject}.`, ...base };
  }
  if (status === 410) {
    return { kind: 'notFound', message: `Microsoft Graph says ${ctx.subject || 'the item'} no longer exists (${label}).`, ...base };
  }
  if (status === 429 || ((status === 503 || status === 504) && retryAfterMs !== null)) {
    const seconds = retryAfterMs !== null ? Math.ceil(retryAfterMs / 1000) : undefined;
    return {
      kind: 'throttled',
      message:
        `Microsoft Graph is throttling requests (${label}).` +
        (seconds !== undefined ? ` Try again in ${seconds} s.` : ' Try again in a little while.'),
      ...base,
      ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}),
    };
  }
  // A gateway or outage answer (often an HTML page from a load balancer or proxy), not a licence problem.
  if (status === 502 || status === 503 || status === 504) {
    return {
      kind: 'unavailable',
      message:
        `Microsoft Graph, or a gateway or proxy between Portolan and Graph, is unavailable (${label}${nonJson && res.body.trim() ? ', a non-JSON page' : ''}). ` +
        'Try again in a few minutes; if it persists, check the proxy or VPN.',
      ...base,
    };
  }
  // Reported for tenants without the TI API licence: a 500 generalException, or a 500 HTML error page.
  if (status === 500 && (code === 'generalException' || nonJson)) {
    return {
      kind: 'licence',
      message: `Microsoft Graph failed with ${status}${code ? ` ${code}` : nonJson ? ' and a non-JSON answer' : ''}. ${LICENCE_HINT}`,
      ...base,
    };
  }
  if (status === 400) {
    return { kind: 'invalidInput', message: `Microsoft Graph rejected the request as invalid (${label}).`, ...base };
  }
  if (status >= 500) {
    return { kind: 'server', message: `Microsoft Graph had a server error (${label}). Try again later.`, ...base };
  }
  return { kind: 'server', message: `Microsoft Graph answered with an unexpected status (${label}).`, ...base };
}

function snippet(body: string): string {
  // Enough of an HTML error page to recognise it (e.g. "Apache Tomcat … HTTP Status 500"), without markup noise.
  const plain = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 300 ? `${plain.slice(0, 300)}…` : plain;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
