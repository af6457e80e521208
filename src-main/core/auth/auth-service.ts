// Sign-in for the main process: msal-node's PublicClientApplication behind the AuthPort the IPC handlers
// use, plus the TokenSource the Graph client uses. Tokens never leave this module except as the bearer
// string handed to the Graph client; status() reports accounts (name, username, tenant) and nothing more.
//
// One interactive sign-in at a time: a second signIn() while one is pending fails with 'invalidInput'
// ("a sign-in is already in progress") rather than joining it, because joining would hide the first
// browser tab's outcome from the second caller and the renderer already shows Cancel for the pending one.
import * as path from 'node:path';
import { LogLevel, PublicClientApplication, type AccountInfo } from '@azure/msal-node';
import type { AccountView, AuthStatusView, SettingsView } from '../../../src-shared/views';
import { fail, PortolanFailure, redactSecrets } from '../failure';
import type { Encryptor, HttpTransport, TokenSource } from '../ports';
import { createNodeTransport } from '../net/node-transport';
import { createActiveAccountFile } from './active-account';
import { mapInteractiveError, mapSilentError, networkFailure } from './auth-errors';
import { authorityOptions, endpointsFromOpenIdConfiguration, isMicrosoftAuthority, openIdConfigurationUrl, type AuthorityEndpoints } from './authority-config';
import { ERROR_PAGE, SUCCESS_PAGE } from './browser-pages';
import { createEncryptedCachePlugin } from './cache-plugin';
import { startInteractiveSignIn, type InteractiveSignIn } from './interactive-sign-in';
import { createAuthNetworkClient, defaultAllowHosts, MICROSOFT_LOGIN_HOSTS, type NetworkAttempt } from './network-client';
import { createSerialQueue } from './serial-queue';

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;
export const ACTIVE_ACCOUNT_FILE = 'active-account.json';

export interface AuthServiceOptions {
  settings: () => SettingsView;
  /** Full authority URL including the tenant, e.g. https://login.microsoftonline.com/organizations. */
  authority: () => string;
  /** e.g. ['https://graph.microsoft.com/ThreatIntelligence.Read.All']: the cloud's own Graph host. */
  scopes: () => string[];
  /** Encrypted token cache file; the active-account marker is written beside it. */
  cacheFile: string;
  encryptor: Encryptor;
  /** Opens the system browser (the preview prints SIGNIN_URL=… instead). Only authority URLs are passed. */
  openBrowser: (url: string) => Promise<void>;
  /** How sign-in requests travel: the same transport as Graph requests (system proxy and trust store in the app). */
  transport?: HttpTransport;
  /** Extra CA (PEM) to trust for the authority, when no transport is given. */
  ca?: string | Buffer;
  /** Replaces the default allow-list (Microsoft login hosts + the configured authority's origin). */
  allowHosts?: (url: URL) => boolean;
  signInTimeoutMs?: number;
  successHtml?: string;
  errorHtml?: string;
  log?: (line: string) => void;
}

export interface AuthService {
  status(): Promise<AuthStatusView>;
  signIn(): Promise<AuthStatusView>;
  /** True when a pending sign-in was cancelled. */
  cancelSignIn(): boolean;
  signOut(homeAccountId: string): Promise<AuthStatusView>;
  switchAccount(homeAccountId: string): Promise<AuthStatusView>;
  readonly tokens: TokenSource;
  /** What the sign-in HTTP client was asked to contact (origin + path only): for tests and diagnostics. */
  networkAttempts(): readonly NetworkAttempt[];
  dispose(): void;
}

const WEAK_CACHE_WARNING =
  "This system's secure storage is not available (Electron reports the Linux 'basic_text' backend, which protects secrets " +
  'only with a fixed, publicly known password). Portolan therefore keeps your sign-in in memory only: you will need to sign in ' +
  'again after restarting. In Settings you can choose to keep it on disk anyway.';

export function createAuthService(opts: AuthServiceOptions): AuthService {
  const log = opts.log ?? (() => undefined);
  const queue = createSerialQueue();
  const activeFile = createActiveAccountFile(path.join(path.dirname(opts.cacheFile), ACTIVE_ACCOUNT_FILE));
  const network = createAuthNetworkClient({
    transport: opts.transport ?? createNodeTransport(opts.ca !== undefined ? { ca: opts.ca } : {}),
    allow: opts.allowHosts ?? defaultAllowHosts(opts.authority),
    log,
  });
  const persist = (): boolean => opts.encryptor.strong || opts.settings().allowWeakCacheEncryption;
  const cachePlugin = createEncryptedCachePlugin({ file: opts.cacheFile, encryptor: opts.encryptor, persist, log });
  // Cache notices (a discarded cache) stay visible until the user signs in again.
  let stickyNotices: string[] = [];
  let app: { key: string; pca: PublicClientApplication } | null = null;
  // Endpoints read from a custom authority's openid-configuration, per authority URL (null: use the layout).
  const discovered = new Map<string, AuthorityEndpoints | null>();
  let pending: InteractiveSignIn | null = null;
  const errorContext = { get lastNetworkFailure() { return network.lastFailure(); } };

  function client(): PublicClientApplication {
    const settings = opts.settings();
    if (!settings.clientId) {
      throw fail('notConfigured', 'Enter the application (client) ID of your app registration in Settings before signing in.');
    }
    let authority: string;
    try {
      authority = opts.authority();
    } catch (err) {
      if (err instanceof PortolanFailure) throw fail('notConfigured', err.error.message);
      throw err;
    }
    const endpoints = discovered.get(authority) ?? null;
    const key = `${settings.clientId}|${authority}|${endpoints ? JSON.stringify(endpoints) : ''}`;
    if (app?.key === key) return app.pca;
    const pca = new PublicClientApplication({
      auth: { clientId: settings.clientId, ...authorityOptions(authority, endpoints) },
      cache: { cachePlugin },
      system: {
        networkClient: network,
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (_level, message, containsPii) => {
            if (!containsPii) log(`msal: ${redactSecrets(message).slice(0, 300)}`);
          },
        },
      },
    });
    app = { key, pca };
    return pca;
  }

  /**
   * Before the first network use of a custom authority: read its openid-configuration once (through the
   * same allow-listed client, with the configured CA). An authority that does not publish one, or publishes
   * endpoints elsewhere, keeps the v2.0 layout. Microsoft's clouds need nothing: MSAL knows them.
   */
  async function discover(): Promise<'ready' | 'unreachable'> {
    let authority: string;
    try {
      authority = opts.authority();
    } catch {
      return 'ready'; // client() reports the configuration problem
    }
    if (isMicrosoftAuthority(authority) || discovered.has(authority)) return 'ready';
    let endpoints: AuthorityEndpoints | null = null;
    try {
      const res = await network.sendGetRequestAsync<unknown>(openIdConfigurationUrl(authority), undefined, 10_000);
      if (res.status === 200) endpoints = endpointsFromOpenIdConfiguration(authority, res.body);
    } catch {
      // Unreachable now: do not remember the failure, so the next attempt tries again.
      return 'unreachable';
    }
    discovered.set(authority, endpoints);
    log(`authority: ${endpoints ? 'endpoints from openid-configuration' : 'v2.0 endpoint layout'}`);
    return 'ready';
  }

  function collectNotices(): void {
    const fresh = cachePlugin.takeNotices();
    for (const n of fresh) if (!stickyNotices.includes(n)) stickyNotices.push(n);
  }

  function cacheWarning(): string | null {
    collectNotices();
    const parts = [...(persist() ? [] : [WEAK_CACHE_WARNING]), ...stickyNotices];
    return parts.length ? parts.join(' ') : null;
  }

  async function accounts(pca: PublicClientApplication): Promise<AccountInfo[]> {
    return pca.getTokenCache().getAllAccounts();
  }

  async function pickActive(all: AccountInfo[]): Promise<AccountInfo | null> {
    const id = await activeFile.read();
    return all.find((a) => a.homeAccountId === id) ?? all[0] ?? null;
  }

  async function status(): Promise<AuthStatusView> {
    const base = {
      mode: 'msal' as const,
      signInInProgress: pending !== null,
      // Lets the settings view offer the opt-in exactly where it applies (not for other cache notices).
      ...(opts.encryptor.strong ? {} : { weakCacheEncryption: true }),
    };
    let pca: PublicClientApplication;
    try {
      pca = client();
    } catch (err) {
      if (err instanceof PortolanFailure && err.error.kind === 'notConfigured') {
        return { ...base, configured: false, signedIn: false, active: null, accounts: [], cacheWarning: cacheWarning() };
      }
      throw err;
    }
    const all = await queue.run(() => accounts(pca));
    const active = await pickActive(all);
    return {
      ...base,
      configured: true,
      signedIn: active !== null,
      active: active ? toView(active) : null,
      accounts: all.map(toView),
      cacheWarning: cacheWarning(),
    };
  }

  async function signIn(): Promise<AuthStatusView> {
    if (pending) throw fail('invalidInput', 'A sign-in is already in progress: finish it in the browser, or cancel it first.');
    // An authority that cannot be reached now is reported at once, not after the analyst has waited on a
    // browser tab that can never complete.
    if ((await discover()) === 'unreachable') throw networkFailure(errorContext);
    if (pending) throw fail('invalidInput', 'A sign-in is already in progress: finish it in the browser, or cancel it first.');
    const pca = client();
    const flow = startInteractiveSignIn({
      pca,
      scopes: opts.scopes(),
      browserMayOpen: browserMayOpen(opts.authority()),
      openBrowser: opts.openBrowser,
      timeoutMs: opts.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
      successHtml: opts.successHtml ?? SUCCESS_PAGE,
      errorHtml: opts.errorHtml ?? ERROR_PAGE,
      log,
    });
    pending = flow;
    try {
      const result = await flow.result;
      if (result.account) await activeFile.write(result.account.homeAccountId);
      stickyNotices = [];
      log('sign-in: completed');
    } catch (err) {
      const failure = mapInteractiveError(err, errorContext);
      log(`sign-in: failed (${failure.error.kind}${failure.error.code ? ` ${failure.error.code}` : ''})`);
      throw failure;
    } finally {
      if (pending === flow) pending = null;
    }
    return status();
  }

  async function signOut(homeAccountId: string): Promise<AuthStatusView> {
    const pca = client();
    await queue.run(async () => {
      const cache = pca.getTokenCache();
      const account = await cache.getAccountByHomeId(homeAccountId);
      // Signing out an account that is already gone is not an error: the outcome the user wanted holds.
      if (account) await cache.removeAccount(account);
      if ((await activeFile.read()) === homeAccountId) {
        const rest = await accounts(pca);
        await activeFile.write(rest[0]?.homeAccountId ?? null);
      }
    });
    return status();
  }

  async function switchAccount(homeAccountId: string): Promise<AuthStatusView> {
    const pca = client();
    await queue.run(async () => {
      const all = await accounts(pca);
      if (!all.some((a) => a.homeAccountId === homeAccountId)) {
        throw fail('notFound', 'That account is not signed in to Portolan any more. Sign in with it first.');
      }
      await activeFile.write(homeAccountId);
    });
    return status();
  }

  const tokens: TokenSource = {
    getToken({ forceRefresh, signal }) {
      if (signal?.aborted) return Promise.reject(fail('cancelled', 'The request was cancelled.'));
      return queue.run(async () => {
        if (signal?.aborted) throw fail('cancelled', 'The request was cancelled.');
        await discover();
        const pca = client();
        const account = await pickActive(await accounts(pca));
        if (!account) throw fail('signInRequired', 'Sign in with your work account to look things up.');
        try {
          const result = await pca.acquireTokenSilent({ account, scopes: opts.scopes(), forceRefresh });
          if (!result.accessToken) throw fail('signInRequired', 'Sign in again: no token was available for this account.');
          return result.accessToken;
        } catch (err) {
          const failure = mapSilentError(err, errorContext);
          log(`token: failed (${failure.error.kind}${failure.error.code ? ` ${failure.error.code}` : ''})`);
          throw failure;
        }
      });
    },
  };

  return {
    status,
    signIn,
    cancelSignIn() {
      if (!pending) return false;
      pending.cancel();
      return true;
    },
    signOut,
    switchAccount,
    tokens,
    networkAttempts: () => network.attempts,
    dispose() {
      pending?.cancel();
      app = null;
    },
  };
}

/**
 * MSAL builds the sign-in URL on the authority's "preferred network" host, which for a Microsoft cloud can
 * be an alias of the configured one (login.partner.microsoftonline.cn → login.chinacloudapi.cn).
 */
function browserMayOpen(authority: string): (url: URL) => boolean {
  const origin = new URL(authority).origin;
  return (url) =>
    url.origin === origin || (url.protocol === 'https:' && url.port === '' && MICROSOFT_LOGIN_HOSTS.includes(url.hostname.toLowerCase()));
}

function toView(a: AccountInfo): AccountView {
  return { homeAccountId: a.homeAccountId, name: a.name ?? null, username: a.username, tenantId: a.tenantId };
}
