// A local, Entra-shaped authority for tests and the preview: HTTPS on 127.0.0.1 with a throwaway CA.
// It speaks just enough of the Microsoft identity platform v2.0 endpoints for msal-node 7's interactive
// (authorization code + PKCE, response_mode=form_post) and silent (refresh_token) flows, checks what a
// real authority checks (client_id, redirect_uri, PKCE S256), and can inject the failures analysts meet.
//
// Standalone: npx tsx test/support/entra-server.ts --port 0 --out DIR [--client-id GUID] [--expires-in S]
// prints AUTHORITY_URL=… CLIENT_ID=… TENANT_ID=… and writes DIR/ca.pem.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { createTestCa, type TestCa } from './test-ca';

export const DEFAULT_CLIENT_ID = '6a2b1c3d-0000-4000-8000-00000000c11e';

export interface EntraUser {
  oid: string;
  tid: string;
  name: string;
  username: string;
}

export const ALICE: EntraUser = {
  oid: '00000000-0000-4000-8000-00000000a11c',
  tid: '11111111-1111-4111-8111-111111111111',
  name: 'Alice Analyst',
  username: 'alice@contoso.example',
};
export const BOB: EntraUser = {
  oid: '00000000-0000-4000-8000-000000000b0b',
  tid: '11111111-1111-4111-8111-111111111111',
  name: 'Bob Hunter',
  username: 'bob@contoso.example',
};

/** Error bodies as Entra sends them (status 400, error + AADSTS text + error_codes). */
export type TokenFault = 'invalid_grant' | 'consent_required';

export interface EntraFaults {
  /** Answer refresh_token grants with this error. */
  refreshError: TokenFault | null;
  /** Answer authorization_code grants with this error. */
  codeError: TokenFault | null;
  /** /authorize posts this error back instead of a code (e.g. consent missing, user declined). */
  authorizeError: 'consent_required' | 'access_denied' | null;
  /** Every TCP connection is dropped at once: the authority is unreachable. */
  unreachable: boolean;
  /** Delay before /token answers, so tests can see whether token calls overlap. */
  tokenDelayMs: number;
  /** /authorize shows a page without the form: the user never comes back to the app. */
  userNeverReturns: boolean;
}

export interface TokenRequestRecord {
  grantType: string;
  clientId: string;
  ok: boolean;
  error?: string;
}

export interface EntraServer {
  /** https://127.0.0.1:PORT (no tenant). */
  readonly url: string;
  /** 127.0.0.1:PORT, the form msal-node's knownAuthorities wants. */
  readonly hostAndPort: string;
  readonly caPem: string;
  readonly clientId: string;
  /** Full authority URL for a tenant (default 'organizations'). */
  authority(tenant?: string): string;
  /** Every token the server handed out, so tests can look for them where they must not be. */
  readonly issuedTokens: { access: string[]; refresh: string[]; id: string[] };
  /** Who each issued access token belongs to. */
  readonly issued: { username: string; access: string; grantType: string }[];
  readonly tokenRequests: TokenRequestRecord[];
  /** Highest number of /token requests in progress at the same time. */
  readonly maxConcurrentTokenRequests: number;
  readonly authorizeRequests: URL[];
  readonly faults: EntraFaults;
  /** Lifetime of issued access tokens, seconds. msal-node refreshes 5 minutes before expiry, so < 300 means "already stale". */
  expiresIn: number;
  /** The next /authorize signs in this user. */
  signInAs(user: EntraUser): void;
  /** Forgets every refresh token (as if revoked): the next refresh gets invalid_grant. */
  revokeRefreshTokens(): void;
  /** Acts as the user's browser for a sign-in URL (see completeBrowserStep). */
  completeBrowserStep(url: string): Promise<BrowserStepResult>;
  stop(): Promise<void>;
}

export interface EntraServerOptions {
  port?: number;
  clientId?: string;
  expiresIn?: number;
  ca?: TestCa;
  /**
   * 'entra' (default): Entra ID's paths, {tenant}/oauth2/v2.0/authorize and /token. 'flat': {tenant}/authorize
   * and {tenant}/token, published only through the openid-configuration, so a client that guesses the
   * layout instead of reading the document fails.
   */
  layout?: 'entra' | 'flat';
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  user: EntraUser;
  used: boolean;
}

interface RefreshGrant {
  clientId: string;
  scope: string;
  user: EntraUser;
}

export async function startEntraServer(opts: EntraServerOptions = {}): Promise<EntraServer> {
  const ca = opts.ca ?? createTestCa();
  const clientId = opts.clientId ?? DEFAULT_CLIENT_ID;
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const issuedTokens = { access: [] as string[], refresh: [] as string[], id: [] as string[] };
  const tokenRequests: TokenRequestRecord[] = [];
  const authorizeRequests: URL[] = [];
  const faults: EntraFaults = {
    refreshError: null,
    codeError: null,
    authorizeError: null,
    unreachable: false,
    userNeverReturns: false,
    tokenDelayMs: 0,
  };
  const issued: { username: string; access: string; grantType: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let nextUser = ALICE;
  const sockets = new Set<Socket>();

  const server = https.createServer({ key: ca.keyPem, cert: ca.certPem });
  server.on('connection', (socket: Socket) => {
    if (faults.unreachable) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `https://127.0.0.1:${port}`;

  const state: EntraServer = {
    url: base,
    hostAndPort: `127.0.0.1:${port}`,
    caPem: ca.caPem,
    clientId,
    authority: (tenant = 'organizations') => `${base}/${tenant}`,
    issuedTokens,
    issued,
    tokenRequests,
    get maxConcurrentTokenRequests() {
      return maxInFlight;
    },
    authorizeRequests,
    faults,
    expiresIn: opts.expiresIn ?? 3600,
    signInAs: (user) => {
      nextUser = user;
    },
    revokeRefreshTokens: () => refreshTokens.clear(),
    completeBrowserStep: (url) => completeBrowserStep(url, { ca: ca.caPem }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(err) });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const parts = url.pathname.split('/').filter(Boolean);
    const tenant = parts[0] ?? '';
    const rest = parts.slice(1).join('/');

    const flat = opts.layout === 'flat';
    if (req.method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') {
      sendJson(res, 200, openIdConfiguration(base, tenant, flat));
      return;
    }
    if (req.method === 'GET' && rest === (flat ? 'authorize' : 'oauth2/v2.0/authorize')) {
      authorize(url, res);
      return;
    }
    if (req.method === 'POST' && rest === (flat ? 'token' : 'oauth2/v2.0/token')) {
      const form = new URLSearchParams(await readBody(req));
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (faults.tokenDelayMs > 0) await new Promise((r) => setTimeout(r, faults.tokenDelayMs));
        token(form, res);
      } finally {
        inFlight--;
      }
      return;
    }
    sendJson(res, 404, { error: 'not_found', error_description: `No endpoint ${req.method} ${url.pathname}` });
  }

  function authorize(url: URL, res: http.ServerResponse): void {
    authorizeRequests.push(url);
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    // The app registration lists http://localhost; like Entra for loopback URIs, any port is accepted.
    if (!isRegisteredLoopbackRedirect(redirectUri)) {
      sendHtml(res, 400, `<h1>AADSTS50011</h1><p>The redirect URI ${escapeHtml(redirectUri)} does not match the app registration.</p>`);
      return;
    }
    if (q.get('client_id') !== clientId) {
      sendHtml(res, 400, `<h1>AADSTS700016</h1><p>Application ${escapeHtml(q.get('client_id') ?? '')} was not found.</p>`);
      return;
    }
    if (q.get('response_type') !== 'code' || q.get('response_mode') !== 'form_post') {
      sendHtml(res, 400, '<h1>Unsupported</h1><p>This stand-in answers only response_type=code with response_mode=form_post.</p>');
      return;
    }
    const challenge = q.get('code_challenge') ?? '';
    if (q.get('code_challenge_method') !== 'S256' || challenge.length < 43) {
      sendHtml(res, 400, '<h1>AADSTS501491</h1><p>PKCE with S256 is required.</p>');
      return;
    }
    if (faults.userNeverReturns) {
      sendHtml(res, 200, '<h1>Sign in</h1><p>Waiting for you to enter your password… (this stand-in never continues)</p>');
      return;
    }
    const fields: Record<string, string> = { state: q.get('state') ?? '' };
    if (faults.authorizeError === 'consent_required') {
      fields.error = 'consent_required';
      fields.error_description =
        'AADSTS65001: The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.';
    } else if (faults.authorizeError === 'access_denied') {
      fields.error = 'access_denied';
      fields.error_description = 'AADSTS65004: User declined to consent to access the app.';
    } else {
      const code = `code-${randomBytes(24).toString('base64url')}`;
      codes.set(code, { clientId, redirectUri, challenge, scope: q.get('scope') ?? '', user: nextUser, used: false });
      fields.code = code;
      fields.client_info = clientInfo(nextUser);
    }
    const inputs = Object.entries(fields)
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('');
    sendHtml(
      res,
      200,
      `<h1>Signing you in…</h1><form method="post" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button>Continue</button></noscript></form>` +
        '<script>document.forms[0].submit()</script>',
    );
  }

  function token(form: URLSearchParams, res: http.ServerResponse): void {
    const grantType = form.get('grant_type') ?? '';
    const requestClient = form.get('client_id') ?? '';
    const refuse = (error: string, description: string, codesList: number[], suberror?: string): void => {
      tokenRequests.push({ grantType, clientId: requestClient, ok: false, error });
      sendJson(res, 400, {
        error,
        error_description: `${description}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`,
        error_codes: codesList,
        timestamp: new Date().toISOString(),
        trace_id: randomUUID(),
        correlation_id: form.get('client-request-id') ?? randomUUID(),
        ...(suberror ? { suberror } : {}),
      });
    };
    const injected = (fault: TokenFault | null): boolean => {
      if (fault === 'invalid_grant') {
        refuse('invalid_grant', 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.', [70008]);
        return true;
      }
      if (fault === 'consent_required') {
        refuse(
          'invalid_grant',
          "AADSTS65001: The user or administrator has not consented to use the application with ID '" + requestClient + "'.",
          [65001],
          'consent_required',
        );
        return true;
      }
      return false;
    };

    if (requestClient !== clientId) {
      refuse('unauthorized_client', `AADSTS700016: Application with identifier '${requestClient}' was not found.`, [700016]);
      return;
    }

    if (grantType === 'authorization_code') {
      if (injected(faults.codeError)) return;
      const code = form.get('code') ?? '';
      const pending = codes.get(code);
      if (!pending || pending.used) {
        refuse('invalid_grant', 'AADSTS54005: OAuth2 Authorization code was already redeemed or is unknown.', [54005]);
        return;
      }
      pending.used = true;
      if (form.get('redirect_uri') !== pending.redirectUri) {
        refuse('invalid_grant', 'AADSTS50148: The redirect_uri does not match the one used in the authorization request.', [50148]);
        return;
      }
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) {
        refuse('invalid_grant', 'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.', [501481]);
        return;
      }
      issue(res, pending.user, requestedScope(form.get('scope') ?? pending.scope), grantType, requestClient);
      return;
    }

    if (grantType === 'refresh_token') {
      if (injected(faults.refreshError)) return;
      const grant = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!grant || grant.clientId !== requestClient) {
        refuse('invalid_grant', 'AADSTS700082: The refresh token has expired or was revoked.', [700082]);
        return;
      }
      issue(res, grant.user, requestedScope(form.get('scope') ?? grant.scope), grantType, requestClient);
      return;
    }

    refuse('unsupported_grant_type', `AADSTS70003: The grant type ${grantType} is not supported.`, [70003]);
  }

  function issue(res: http.ServerResponse, user: EntraUser, scope: string, grantType: string, client: string): void {
    // Opaque random strings, like real Graph access tokens look to a client: easy to search for verbatim.
    const accessToken = `at-${randomBytes(32).toString('base64url')}`;
    const refreshToken = `rt-${randomBytes(48).toString('base64url')}`;
    const now = Math.floor(Date.now() / 1000);
    // Unsigned: msal-node decodes id_token claims but does not verify the signature (the token came
    // straight from the authority over TLS). No nonce: msal-node 7's interactive flow sends none.
    const idToken = [
      b64u({ typ: 'JWT', alg: 'none' }),
      b64u({
        aud: client,
        iss: `${base}/${user.tid}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        name: user.name,
        preferred_username: user.username,
        oid: user.oid,
        sub: `sub-${user.oid}`,
        tid: user.tid,
        ver: '2.0',
      }),
      randomBytes(16).toString('base64url'),
    ].join('.');
    refreshTokens.set(refreshToken, { clientId: client, scope, user });
    issuedTokens.access.push(accessToken);
    issuedTokens.refresh.push(refreshToken);
    issuedTokens.id.push(idToken);
    issued.push({ username: user.username, access: accessToken, grantType });
    tokenRequests.push({ grantType, clientId: client, ok: true });
    sendJson(res, 200, {
      token_type: 'Bearer',
      scope,
      expires_in: state.expiresIn,
      ext_expires_in: state.expiresIn,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken,
      client_info: clientInfo(user),
    });
  }

  return state;
}

/** What the browser got back from the app's loopback after posting the form. */
export interface BrowserStepResult {
  status: number;
  body: string;
  /** The redirect URI the form was posted to (as the authorize request named it). */
  redirectUri: string;
}

/**
 * Plays the user's browser: GETs the sign-in URL from the stand-in, reads the auto-submitting form and
 * POSTs it to the app's loopback redirect, exactly as a browser would. Usable from Playwright tests too
 * (pass the CA PEM the standalone server wrote).
 */
export async function completeBrowserStep(signInUrl: string, opts: { ca: string }): Promise<BrowserStepResult> {
  return submitAuthorizeForm(await fetchAuthorizeForm(signInUrl, opts));
}

export interface AuthorizeForm {
  /** The redirect URI the page posts to. */
  action: string;
  fields: URLSearchParams;
}

/** The first half of the browser step: load /authorize and read the form it would auto-submit. */
export async function fetchAuthorizeForm(signInUrl: string, opts: { ca: string }): Promise<AuthorizeForm> {
  const page = await httpsGet(signInUrl, opts.ca);
  if (page.status !== 200) throw new Error(`The authorize page answered ${page.status}: ${page.body.slice(0, 300)}`);
  const form = /<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/.exec(page.body);
  if (!form) throw new Error('The authorize page has no form to submit (is the user-never-returns fault on?)');
  const fields = new URLSearchParams();
  for (const m of (form[2] ?? '').matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(unescapeHtml(m[1] ?? ''), unescapeHtml(m[2] ?? ''));
  }
  return { action: unescapeHtml(form[1] ?? ''), fields };
}

/** The second half: post the form to the app's loopback redirect, as the browser's auto-submit does. */
export async function submitAuthorizeForm(form: AuthorizeForm): Promise<BrowserStepResult> {
  const result = await postForm(form.action, form.fields.toString());
  return { ...result, redirectUri: form.action };
}

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function postForm(action: string, body: string): Promise<{ status: number; body: string }> {
  const target = new URL(action);
  if (target.protocol !== 'http:' || !isLoopbackName(target.hostname)) {
    return Promise.reject(new Error(`Refusing to post the sign-in form to ${target.origin}: not a loopback redirect.`));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        // msal-node listens on 127.0.0.1 only; a browser resolving "localhost" falls back to it, so go straight there.
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        agent: false,
        headers: {
          host: target.host,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function openIdConfiguration(base: string, tenant: string, flat: boolean): Record<string, unknown> {
  const endpoints = flat ? `${base}/${tenant}` : `${base}/${tenant}/oauth2/v2.0`;
  return {
    issuer: `${base}/${tenant}/v2.0`,
    authorization_endpoint: `${endpoints}/authorize`,
    token_endpoint: `${endpoints}/token`,
    end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ['form_post'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'profile', 'offline_access'],
  };
}

function isRegisteredLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && isLoopbackName(u.hostname) && (u.pathname === '/' || u.pathname === '') && !u.search;
  } catch {
    return false;
  }
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1';
}

function requestedScope(scope: string): string {
  return scope
    .split(' ')
    .filter((s) => s && s !== 'offline_access')
    .join(' ');
}

function clientInfo(user: EntraUser): string {
  return b64u({ uid: user.oid, utid: user.tid });
}

function b64u(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendHtml(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Entra stand-in</title></head><body>${body}</body></html>`);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// ---- standalone (preview and e2e): npx tsx test/support/entra-server.ts --port 0 --out DIR ----

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const out = argValue(args, '--out');
  if (!out) throw new Error('usage: entra-server.ts --port N --out DIR [--client-id GUID] [--expires-in SECONDS]');
  const server = await startEntraServer({
    port: Number(argValue(args, '--port') ?? '0'),
    clientId: argValue(args, '--client-id'),
    expiresIn: argValue(args, '--expires-in') ? Number(argValue(args, '--expires-in')) : undefined,
  });
  fs.mkdirSync(out, { recursive: true });
  const caFile = path.join(out, 'ca.pem');
  fs.writeFileSync(caFile, server.caPem);
  process.stdout.write(`AUTHORITY_URL=${server.url}\nCLIENT_ID=${server.clientId}\nTENANT_ID=${ALICE.tid}\nCA_FILE=${caFile}\n`);
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (/entra-server\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
