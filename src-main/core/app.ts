// Composition root of the core: builds settings, history, auth and the Graph source from the host's
// ports and returns the IPC handler map. The Electron shell and the web preview both call this, so the
// app and the preview run the very same code behind the contract.
import { join } from 'node:path';
import type { Handlers } from '../../src-shared/contract';
import type { AuthStatusView, SettingsView } from '../../src-shared/views';
import type { CoreOptions } from './app-options';
import { createAuthService } from './auth';
import { authorityWithTenant } from './auth/authority-config';
import { createDemoTransport, DEMO_GRAPH_ROOT, demoTokenSource } from './demo';
import { fail } from './failure';
import { createGraphClient } from './graph/client';
import { CLOUDS, resolveCloud, type CloudInfo } from './graph/clouds';
import { openHistory } from './history-host/open-history';
import { parseProxyUrl } from './net/http-proxy';
import { createNodeTransport } from './net/node-transport';
import { createReachabilityProbe } from './net/reachability';
import { guardTransport } from './net/request-guard';
import { systemClock, type TokenSource } from './ports';
import { createHandlers } from './service/handlers';
import { HistoryFiles } from './service/history-files';
import { redactHandlerErrors } from './service/redact-handlers';
import { createSecretLedger } from './secret-ledger';
import type { AuthPort, SourcePort } from './service/ports';
import { createSettingsStore, withEndpointConfirmation } from './settings';
import { withSettingsEffects } from './settings/settings-effects';
import { allowedOrigins } from './allowed-origins';
import { ThrottleGate } from './bulk/gate';
import { gatedTransport } from './bulk/gated-transport';
import { createBulkGraph, type BulkGraph } from './bulk/graph-calls';
import { bulkHistorySaver } from './bulk/save-hit';
import { BulkService } from './bulk/service';
import { realTimers } from './bulk/timers';

export interface Core {
  handlers: Handlers;
  /** Scrubs every token the core has used (and anything JWT- or bearer-shaped) from text, for the host's log. */
  redact(text: string): string;
  /** Origin of the sign-in authority in force (for main's own sign-in opener only, never the renderer's links), or null. */
  authority(): string | null;
  /** History export and import as streams, for hosts that serve them other than over IPC (the preview's HTTP). */
  historyFiles: HistoryFiles;
  dispose(): Promise<void>;
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const overrides = opts.overrides ?? {};
  // Every bearer token the core uses is remembered, so its exact text can be scrubbed from errors and logs.
  const ledger = createSecretLedger();
  if (opts.staticToken) ledger.remember(opts.staticToken);
  const log = opts.log ? (line: string) => opts.log?.(ledger.redact(line)) : undefined;
  // Every preview flag goes through the settings store, so settings:get shows the values in force (cloud
  // 'custom' under --authority) and which fields the flags fix; cloud() below still gives them precedence.
  const settings = await createSettingsStore(opts.userDataDir, {
    overrides: {
      ...(overrides.tenant ? { tenant: overrides.tenant } : {}),
      ...(overrides.clientId ? { clientId: overrides.clientId } : {}),
      ...(overrides.authority ? { authority: overrides.authority } : {}),
      ...(overrides.graphBaseUrl ? { graphRoot: overrides.graphBaseUrl } : {}),
    },
  });

  /**
   * The cloud in force. Preview flags make a custom cloud of what they name; whatever they leave out comes
   * from the national cloud the settings name (the settings overlay has already switched to 'custom' under
   * --authority, so then the saved custom root, else the global Graph root).
   */
  const cloudOf = (s: SettingsView): CloudInfo => {
    if (!overrides.graphBaseUrl && !overrides.authority) return resolveCloud(s);
    const named = s.cloud === 'custom' ? null : CLOUDS[s.cloud];
    return resolveCloud({
      cloud: 'custom',
      customGraphRoot: overrides.graphBaseUrl ?? named?.graphRoot ?? s.customGraphRoot ?? CLOUDS.global.graphRoot,
      customAuthority: overrides.authority ?? named?.authorityBase ?? s.customAuthority,
    });
  };
  const cloud = (): CloudInfo => cloudOf(settings.get());

  // settings:set goes through this: a change of where tokens go is confirmed by the user in main first.
  const confirmedSettings = withEndpointConfirmation(settings, {
    endpoints: (view) => {
      const c = cloudOf(view);
      return { authority: c.authorityBase, graphRoot: c.graphRoot, cloud: view.cloud };
    },
    confirm: opts.confirmEndpoints ?? (async () => false),
  });
  // The proxy and theme act on the host: applied now, and again whenever a saved change touches them.
  const hostSettings = withSettingsEffects(confirmedSettings, {
    ...(opts.applyProxy ? { applyProxy: opts.applyProxy } : {}),
    ...(opts.applyTheme ? { applyTheme: opts.applyTheme } : {}),
    ...(log ? { log } : {}),
  });
  await hostSettings.applySaved();

  // Only the configured endpoints may be contacted: the real clouds, or the custom/preview roots.
  // The allow-list wraps whichever transport carries the requests: Chromium's in the app, Node's elsewhere.
  const transport = guardTransport(
    opts.transport ??
      createNodeTransport({
        ...(overrides.caPem ? { ca: overrides.caPem } : {}),
        ...(overrides.proxy ? { proxy: parseProxyUrl(overrides.proxy) } : {}),
      }),
    (url) => allowedOrigins(cloud()).has(url.origin),
  );

  const history = await openHistory({
    dir: join(opts.userDataDir, 'history'),
    ...(opts.historyHost ? { host: opts.historyHost } : {}),
    kv: opts.kv,
    clock,
    ...(opts.historyScheduler ? { scheduler: opts.historyScheduler } : {}),
    retention: () => {
      const s = settings.get();
      return { perHostPort: s.retentionPerHostPort, days: s.retentionDays };
    },
  });

  const auth = createAuthService({
    settings: () => settings.get(),
    authority: () => {
      const c = cloud();
      if (!c.authorityBase) throw fail('notConfigured', 'The custom cloud needs a sign-in authority URL.');
      return authorityWithTenant(c.authorityBase, settings.get().tenant);
    },
    scopes: () => [cloud().scope],
    cacheFile: join(opts.userDataDir, 'auth', 'msal-cache.bin'),
    encryptor: opts.encryptor,
    openBrowser: opts.openBrowser,
    transport,
    allowHosts: (url) => allowedOrigins(cloud()).has(url.origin),
    ...(log ? { log } : {}),
  });

  const mode = (): AuthStatusView['mode'] => {
    if (opts.demo) return 'demo';
    if (opts.staticToken) return 'token';
    return settings.get().clientId ? 'msal' : 'demo';
  };

  const staticTokenSource: TokenSource = {
    async getToken({ forceRefresh }) {
      // A static token cannot be refreshed: after a 401 the analyst must supply a new one.
      if (forceRefresh) throw fail('unauthorized', 'Graph rejected PORTOLAN_GRAPH_TOKEN. Start the preview with a fresh token.');
      return opts.staticToken ?? '';
    },
  };
  const staticTokens = ledger.track(staticTokenSource);
  const signedInTokens = ledger.track(auth.tokens);
  const demoTransport = createDemoTransport();
  // One gate for every Graph request of bulk jobs and single lookups: shared Retry-After, single lookups first.
  const bulkGate = new ThrottleGate({ timers: realTimers, initialLimit: 2, maxLimit: 16 });
  const graphTransport = gatedTransport(transport, bulkGate, realTimers);

  const source = (): SourcePort => {
    const m = mode();
    const s = settings.get();
    if (m === 'demo') {
      return {
        kind: 'demo',
        demoReason: opts.demo ? 'demoFlag' : 'notConfigured',
        graphRoot: DEMO_GRAPH_ROOT,
        graph: createGraphClient({ transport: demoTransport, serviceRoot: DEMO_GRAPH_ROOT, apiVersion: 'v1.0', tokens: demoTokenSource }),
      };
    }
    const root = cloud().graphRoot;
    return {
      kind: m === 'token' ? 'token' : 'graph',
      graphRoot: root,
      graph: createGraphClient({
        transport: graphTransport,
        serviceRoot: root,
        apiVersion: s.apiVersion,
        tokens: m === 'token' ? staticTokens : signedInTokens,
        // Host endpoints Microsoft does not offer in this cloud are refused before any request.
        cloud: cloud().id,
      }),
    };
  };

  const authPort: AuthPort = {
    async status() {
      const m = mode();
      if (m === 'msal') return auth.status();
      return {
        mode: m,
        configured: m === 'token',
        signedIn: m === 'token',
        active: null,
        accounts: [],
        signInInProgress: false,
        cacheWarning: null,
      };
    },
    async signIn() {
      if (mode() !== 'msal') {
        throw fail(
          'notConfigured',
          opts.staticToken || opts.demo
            ? 'Sign-in is not used in this session (demo data or a static preview token).'
            : 'Enter the application (client) ID of your Portolan app registration in Settings, then sign in.',
        );
      }
      const status = await auth.signIn();
      // Bulk jobs that stopped for want of sign-in carry on where they stopped.
      bulk.resumeAfterSignIn();
      return status;
    },
    cancelSignIn: () => auth.cancelSignIn(),
    async signOut(id) {
      const status = await auth.signOut(id);
      // A job must not carry on with the token of an account that signed out.
      bulk.holdForSignIn(status.signedIn);
      return status;
    },
    async switchAccount(id) {
      const status = await auth.switchAccount(id);
      bulk.holdForSignIn(status.signedIn);
      return status;
    },
  };

  const bulkGraph = (): BulkGraph => {
    const m = mode();
    const common = { timers: realTimers, gate: bulkGate };
    if (m === 'demo') return createBulkGraph({ ...common, transport: demoTransport, serviceRoot: DEMO_GRAPH_ROOT, apiVersion: 'v1.0', tokens: demoTokenSource });
    return createBulkGraph({ ...common, transport, serviceRoot: cloud().graphRoot, apiVersion: settings.get().apiVersion, tokens: m === 'token' ? staticTokens : signedInTokens });
  };
  const activeUsername = async (): Promise<string | null> => (mode() === 'msal' ? ((await auth.status()).active?.username ?? null) : null);
  const bulk = new BulkService({
    dir: join(opts.userDataDir, 'bulk'),
    gate: bulkGate,
    timers: realTimers,
    graph: bulkGraph,
    saveHit: bulkHistorySaver({ history, settings: () => settings.get(), sourceKind: () => source().kind, activeUsername, now: () => clock.now() }),
  });
  await bulk.restore();

  // The one door errors leave the core by: tokens echoed back by Graph or a proxy are scrubbed here.
  const historyFiles = new HistoryFiles(history, clock, opts.fileDialogs);
  const handlers = redactHandlerErrors(createHandlers({
    version: opts.version,
    preview: opts.preview,
    settings: hostSettings,
    networkSettings: opts.applyProxy !== undefined,
    source,
    auth: authPort,
    history,
    activeUsername: async () => (mode() === 'msal' ? ((await auth.status()).active?.username ?? null) : null),
    openExternal: opts.openExternal,
    clock,
    ...(opts.isOnline ? { isOnline: opts.isOnline } : {}),
    reachable: createReachabilityProbe({ transport }),
    ...(opts.links ? { links: opts.links } : {}),
    ...(opts.proxyLogins ? { proxyLogins: opts.proxyLogins } : {}),
    historyFiles,
    bulk,
  }), ledger);

  return {
    handlers,
    historyFiles,
    redact: (text) => ledger.redact(text),
    authority: () => {
      try {
        const base = cloud().authorityBase;
        return base ? new URL(base).origin : null;
      } catch {
        return null;
      }
    },
    async dispose() {
      auth.cancelSignIn();
      opts.proxyLogins?.dispose();
      await bulk.close();
      await auth.dispose?.();
      await history.close?.();
    },
  };
}
