// A local Graph-shaped HTTP server for integration and e2e tests. It answers threat-intelligence requests
// from the same responder as the embedded demo and can inject the faults real tenants see. Standalone:
//   npx tsx test/support/graph-server.ts --port 0 [--seed] [--require-token T] [--page-size N] [--no-scenarios]
// prints GRAPH_URL=http://127.0.0.1:PORT when ready.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoDataset } from '../../src-main/core/demo/fixtures';
import { answerGraphRequest, graphError, type GraphAnswer, type GraphDataset } from '../../src-main/core/demo/graph-responder';
import { SEED_EXAMPLE_BODY, SEED_HOST_PORT_ID } from '../../src-main/core/demo/seed-example';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  headers: Record<string, string>;
}

export type Fault =
  /** Any status with a JSON body (default: a Graph error body with a request-id). */
  | { kind: 'status'; status: number; json?: unknown; headers?: Record<string, string> }
  /** A non-JSON error page, like the Tomcat page seen from tenants without the TI API licence (or a gateway's page). */
  | { kind: 'html'; status?: number; headers?: Record<string, string>; body?: string }
  /** A hostile or buggy service that repeats the caller's Authorization header value back in its error answer. */
  | { kind: 'echoToken'; status: number; format: 'json' | 'html' }
  /** 429 (or 503/504) with Retry-After in seconds (number) or verbatim (e.g. an HTTP date); omit for none. */
  | { kind: 'throttle'; status?: 429 | 503 | 504; retryAfter?: number | string }
  /** Wait, then answer normally (longer than the client's timeout to test timeouts). */
  | { kind: 'delay'; ms: number }
  /** Destroy the socket without answering. */
  | { kind: 'reset' }
  /** 200 with a truncated JSON body. */
  | { kind: 'malformed' }
  /** Serve the hostPort wrapped in "value" or bare, whatever the fixture says. */
  | { kind: 'wrap'; mode: 'value' | 'bare' }
  /** Put next-page links on another origin. */
  | { kind: 'foreignNextLink'; origin: string }
  /** Hold the answer until the test says; it may then name a fault to answer with instead. */
  | { kind: 'hold'; until: (req: RecordedRequest) => Promise<Fault | void> };

/** A substring of the raw path+query, a RegExp tested against it, or a predicate. */
export type RequestMatcher = string | RegExp | ((req: RecordedRequest) => boolean);

export interface FaultRule {
  match: RequestMatcher;
  fault: Fault;
  /** Apply to this many matching requests, then stop (default: every one). */
  times?: number;
}

export interface GraphServerOptions {
  /** hostPort id → body (see GraphDataset). Default: the demo dataset, which includes the seed's example. */
  hostPorts?: Record<string, unknown>;
  ports?: Record<string, Record<string, unknown>[]>;
  pageSize?: number | Record<string, number>;
  /** Host endpoints (host, reputation, whois, passive DNS) per host; default: the demo's (none when hostPorts is given). */
  hosts?: GraphDataset['hosts'];
  /** Certificate id → related hosts; default as for hosts. */
  relatedHosts?: GraphDataset['relatedHosts'];
  faults?: FaultRule[];
  /** When set, every request must carry "Authorization: Bearer <requireToken>" or gets 401. */
  requireToken?: string;
  /**
   * When set, the bearer token must pass this check or the request gets 401, e.g. "one the Entra stand-in
   * issued" (`(t) => entra.issuedTokens.access.includes(t)`). Applies together with requireToken.
   */
  acceptToken?: (token: string) => boolean;
  /** Built-in error hosts (SCENARIO_HOSTS) for e2e runs; default true. */
  scenarios?: boolean;
  port?: number;
}

export interface GraphServer {
  /** http://127.0.0.1:PORT: the service root (no version). */
  url: string;
  requests: RecordedRequest[];
  setFault(match: RequestMatcher, fault: Fault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** Hosts whose lookups fail in a fixed way, so e2e suites can show each error without configuring faults. */
export const SCENARIO_HOSTS = {
  licenceHtml: '198.51.100.99',
  licenceGeneralException: '198.51.100.98',
  forbidden: '198.51.100.97',
  throttled: '198.51.100.96',
  serverError: '198.51.100.95',
} as const;

function scenarioRules(): FaultRule[] {
  const on = (host: string): RegExp => new RegExp(`/hosts/${host.replace(/\./g, '\\.')}/`);
  return [
    { match: on(SCENARIO_HOSTS.licenceHtml), fault: { kind: 'html', status: 500 } },
    {
      match: on(SCENARIO_HOSTS.licenceGeneralException),
      fault: { kind: 'status', status: 500, json: errorJson('generalException', 'General exception while processing.') },
    },
    {
      match: on(SCENARIO_HOSTS.forbidden),
      fault: { kind: 'status', status: 403, json: errorJson('accessDenied', 'Insufficient privileges to complete the operation.') },
    },
    { match: on(SCENARIO_HOSTS.throttled), fault: { kind: 'throttle', status: 429, retryAfter: 120 } },
    {
      match: on(SCENARIO_HOSTS.serverError),
      fault: { kind: 'status', status: 502, json: errorJson('badGateway', 'Bad gateway.') },
    },
  ];
}

export const TOMCAT_500_HTML =
  '<!doctype html><html lang="en"><head><title>HTTP Status 500 – Internal Server Error</title></head>' +
  '<body><h1>HTTP Status 500 – Internal Server Error</h1><hr class="line" /><p><b>Type</b> Exception Report</p>' +
  '<p><b>Description</b> The server encountered an unexpected condition that prevented it from fulfilling the request.</p>' +
  '<hr class="line" /><h3>Apache Tomcat/9.0.71</h3></body></html>';

export function errorJson(code: string, message: string): unknown {
  return { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': cryptoId(), 'client-request-id': cryptoId() } } };
}

function cryptoId(): string {
  return globalThis.crypto.randomUUID();
}

export async function startGraphServer(opts: GraphServerOptions = {}): Promise<GraphServer> {
  const demo = demoDataset();
  const dataset: GraphDataset = {
    hostPorts: opts.hostPorts ?? demo.hostPorts,
    ports: opts.ports ?? (opts.hostPorts ? {} : (demo.ports ?? {})),
    pageSize: opts.pageSize ?? (opts.hostPorts ? 100 : (demo.pageSize ?? 100)),
    hosts: opts.hosts ?? (opts.hostPorts ? {} : (demo.hosts ?? {})),
    relatedHosts: opts.relatedHosts ?? (opts.hostPorts ? {} : (demo.relatedHosts ?? {})),
  };
  const rules: (FaultRule & { left: number })[] = [];
  const addRule = (r: FaultRule): void => {
    rules.push({ ...r, left: r.times ?? Number.POSITIVE_INFINITY });
  };
  if (opts.scenarios !== false) scenarioRules().forEach(addRule);
  (opts.faults ?? []).forEach(addRule);
  const requests: RecordedRequest[] = [];
  let serviceRoot = '';

  const server = http.createServer((req, res) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers };
    requests.push(recorded);
    // Drain any request body; GETs have none.
    req.resume();
    void handle(recorded, req, res);
  });

  function authorized(header: string | undefined): boolean {
    if (opts.requireToken !== undefined && header !== `Bearer ${opts.requireToken}`) return false;
    if (opts.acceptToken) {
      const m = /^Bearer (\S+)$/.exec(header ?? '');
      if (!m || !opts.acceptToken(m[1]!)) return false;
    }
    return true;
  }

  async function handle(recorded: RecordedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!authorized(recorded.headers.authorization)) {
      const e = graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', recorded.headers['client-request-id']);
      send(res, { ...e, headers: { ...e.headers, 'www-authenticate': 'Bearer realm=""' } });
      return;
    }
    const active: Fault[] = [];
    for (const rule of rules) {
      if (rule.left > 0 && matches(rule.match, recorded)) {
        rule.left--;
        active.push(rule.fault);
      }
    }
    let wrapMode: 'value' | 'bare' | null = null;
    let nextLinkOrigin: string | undefined;
    for (const fault of active) {
      switch (fault.kind) {
        case 'reset':
          req.socket.destroy();
          return;
        case 'delay':
          await new Promise((r) => setTimeout(r, fault.ms));
          if (req.socket.destroyed) return;
          break;
        case 'status':
          send(res, {
            status: fault.status,
            headers: { 'content-type': 'application/json', 'request-id': cryptoId(), ...(fault.headers ?? {}) },
            body: JSON.stringify(fault.json ?? errorJson(`status${fault.status}`, `Injected ${fault.status}.`)),
          });
          return;
        case 'html':
          send(res, {
            status: fault.status ?? 500,
            headers: { 'content-type': 'text/html;charset=utf-8', ...(fault.headers ?? {}) },
            body: fault.body ?? TOMCAT_500_HTML,
          });
          return;
        case 'echoToken': {
          const auth = recorded.headers.authorization ?? '';
          const token = auth.replace(/^Bearer /, '');
          const body =
            fault.format === 'json'
              ? JSON.stringify({
                  error: {
                    code: `echo:${token}`,
                    message: `Token ${token} is not valid here; header was ${auth}`,
                    innerError: { 'request-id': token, date: token },
                  },
                })
              : `<html><body><h1>HTTP Status ${fault.status}</h1><p>Rejected credential ${token}</p><pre>${auth}</pre></body></html>`;
          const type = fault.format === 'json' ? 'application/json' : 'text/html;charset=utf-8';
          send(res, { status: fault.status, headers: { 'content-type': type, 'request-id': token }, body });
          return;
        }
        case 'throttle': {
          const h: Record<string, string> = { 'content-type': 'application/json', 'request-id': cryptoId() };
          if (fault.retryAfter !== undefined) h['retry-after'] = String(fault.retryAfter);
          send(res, { status: fault.status ?? 429, headers: h, body: JSON.stringify(errorJson('TooManyRequests', 'Too many requests.')) });
          return;
        }
        case 'malformed':
          send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"value": {"id": "abc", "port": 21, "banners": [' });
          return;
        case 'wrap':
          wrapMode = fault.mode;
          break;
        case 'foreignNextLink':
          nextLinkOrigin = fault.origin;
          break;
        case 'hold': {
          const then = await fault.until(recorded);
          if (req.socket.destroyed) return;
          if (then) active.splice(active.indexOf(fault) + 1, 0, then);
          break;
        }
      }
    }
    const answer = answerGraphRequest(
      dataset,
      { method: recorded.method, url: `${serviceRoot}${recorded.url}`, headers: recorded.headers },
      { serviceRoot, ...(nextLinkOrigin ? { nextLinkOrigin } : {}) },
    );
    send(res, wrapMode && answer.status === 200 ? rewrap(answer, wrapMode) : answer);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  serviceRoot = `http://127.0.0.1:${port}`;

  return {
    url: serviceRoot,
    requests,
    setFault(match, fault, times) {
      // Newest first, so a test's fault overrides the built-in scenarios.
      rules.unshift({ match, fault, left: times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults() {
      rules.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

function matches(m: RequestMatcher, req: RecordedRequest): boolean {
  if (typeof m === 'string') return req.url.includes(m);
  if (m instanceof RegExp) return m.test(req.url);
  return m(req);
}

function send(res: http.ServerResponse, answer: GraphAnswer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

function rewrap(answer: GraphAnswer, mode: 'value' | 'bare'): GraphAnswer {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return answer;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return answer;
  const obj = json as Record<string, unknown>;
  const isWrapped = !('id' in obj) && typeof obj.value === 'object' && obj.value !== null && !Array.isArray(obj.value);
  if (Array.isArray(obj.value)) return answer; // a collection: leave it alone
  if (mode === 'value' && !isWrapped) return { ...answer, body: JSON.stringify({ value: obj }) };
  if (mode === 'bare' && isWrapped) return { ...answer, body: JSON.stringify(obj.value) };
  return answer;
}

// ---- standalone ----

function parseArgs(argv: string[]): { options: GraphServerOptions } {
  const options: GraphServerOptions = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') options.port = Number(next());
    else if (a === '--seed') options.hostPorts = { [SEED_HOST_PORT_ID]: SEED_EXAMPLE_BODY };
    else if (a === '--require-token') options.requireToken = next();
    else if (a === '--page-size') options.pageSize = Number(next());
    else if (a === '--no-scenarios') options.scenarios = false;
    else throw new Error(`Unknown flag ${a}`);
  }
  return { options };
}

async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2));
  const server = await startGraphServer(options);
  process.stdout.write(`GRAPH_URL=${server.url}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run as a program only when this file is the entry point (tsx), never when a test imports it.
if (/graph-server\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main().catch((err: unknown) => {
    process.stderr.write(`graph-server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
