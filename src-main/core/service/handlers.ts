// The service object whose methods are the IPC handlers. Each takes an already validated request
// (contract.dispatch ran zod) and returns a Result; nothing here throws across the boundary.
import type { Handlers } from '../../../src-shared/contract';
import { parseLookupInput } from '../../../src-shared/host-port-input';
import type { BannersHeld } from '../../../src-shared/banner-parts';
import type { BannerView, HostPortView, LookupResultView, PendingLinkView, PortolanError, SettingsView } from '../../../src-shared/views';
import { asResult, fail, toPortolanError } from '../failure';
import type { ProxyLoginQueue } from '../net/proxy-login';
import type { Clock } from '../ports';
import { exportStix } from '../stix/export';
import { hostPortTimeline } from '../history/timeline-query';
import type { BulkService } from '../bulk/service';
import { bulkHandlers } from './bulk-handlers';
import { keepSection } from './keep-section';
import { RAW_CACHE_LIMITS, RawCache } from './raw-cache';
import type { HistoryFiles } from './history-files';
import { selectedHostPorts } from './history-selection';
import type { AuthPort, HistoryPort, HostPortResult, LookupInput, SettingsPort, SourcePort } from './ports';

/**
 * Banners a result carries at most; the rest follow through lookup:banners, the same number at a time. Each part is
 * one task of the window to take in (a few milliseconds); 10,000 banners in one answer held it for over 50 ms.
 */
export const BANNER_PART = 1000;

/** What a list of banners counts against the cache's size limit: their text, about what they weigh. */
function bannerChars(banners: readonly BannerView[]): number {
  let n = 0;
  for (const b of banners) n += b.banner.length + 200;
  return n;
}

export interface ServiceDeps {
  version: string;
  preview: boolean;
  settings: SettingsPort;
  /** Re-evaluated per call: settings changes (cloud, client id) take effect without a restart. */
  source(): SourcePort;
  auth: AuthPort;
  history: HistoryPort;
  /** The username of the active account, for snapshots (null in demo/token mode). */
  activeUsername(): Promise<string | null>;
  openExternal(url: string): Promise<boolean>;
  /** Host's view of connectivity (Electron's net.isOnline); combined with what lookups observed. */
  isOnline?(): boolean;
  /** Whether a Graph service root answers at all (a TCP probe); asked by app:info only. */
  reachable?(graphRoot: string): Promise<boolean>;
  clock: Clock;
  /** portolan:// links waiting for the renderer (none when the host has no link handling). */
  links?: { take(): PendingLinkView[] };
  /** Whether the host applies Settings › Network (the app); the web preview takes --proxy instead. */
  networkSettings?: boolean;
  /** Proxy credential requests waiting for the analyst (the app only). */
  proxyLogins?: Pick<ProxyLoginQueue, 'pending' | 'answer'>;
  /** Export to and import from files that main reads and writes itself, as streams. */
  historyFiles?: HistoryFiles;
  /** Bulk jobs (absent: the bulk channels answer notConfigured). */
  bulk?: BulkService;
  /** Where lookup bodies wait for lookup:raw (default: a RawCache with its standard limits). */
  raws?: RawCache;
}

const OFFLINE_KINDS = new Set<PortolanError['kind']>(['network', 'offline', 'timeout']);

export function createHandlers(deps: ServiceDeps): Handlers {
  const inFlight = new Map<string, AbortController>();
  const raws = deps.raws ?? new RawCache();
  const bannerParts = new RawCache<readonly BannerView[]>(RAW_CACHE_LIMITS, undefined, bannerChars);
  /** The answer with its first part of banners, the rest held for lookup:banners (unchanged when one part holds all). */
  const inParts = <T extends { hostPort: HostPortView }>(answer: T): T & BannersHeld => {
    const { banners } = answer.hostPort;
    if (banners.length <= BANNER_PART) return answer;
    return { ...answer, hostPort: { ...answer.hostPort, banners: banners.slice(0, BANNER_PART) }, bannersHeld: { id: bannerParts.put(banners), total: banners.length } };
  };
  let lastNetworkOk = true;

  const online = () => (deps.isOnline ? deps.isOnline() : true) && lastNetworkOk;

  return {
    'app:info': () =>
      asResult(async () => {
        const source = deps.source();
        // The demo source needs no network; otherwise a fresh probe overrides what the last lookup saw.
        if (source.kind !== 'demo' && deps.reachable) lastNetworkOk = await deps.reachable(source.graphRoot);
        const settings = deps.settings.get();
        return {
          version: deps.version,
          source: source.kind,
          preview: deps.preview,
          cloud: settings.cloud,
          graphRoot: source.graphRoot,
          online: online(),
          storageNotices: [...deps.settings.notices, ...deps.history.notices],
          ...(source.kind === 'demo' && source.demoReason ? { demoReason: source.demoReason } : {}),
          networkSettings: deps.networkSettings ?? false,
          theme: settings.theme,
        };
      }),

    'lookup:run': async (req) => {
      if (inFlight.has(req.requestId)) {
        return { ok: false, error: { kind: 'invalidInput', message: 'A lookup with this request id is already running.' } };
      }
      const controller = new AbortController();
      inFlight.set(req.requestId, controller);
      const source = deps.source();
      const input: LookupInput = { expandCertificate: req.expandCertificate };
      if (req.hostPortId !== undefined && req.hostPortId.trim() !== '') {
        input.hostPortId = req.hostPortId;
        if (req.portListHost !== undefined) input.portListHost = req.portListHost;
      } else {
        if (req.host !== undefined) input.host = req.host;
        if (req.port !== undefined) input.port = req.port;
      }
      if (req.select && req.select.length) input.select = [...req.select];
      try {
        const outcome = await source.graph.lookup(input, controller.signal);
        lastNetworkOk = true;
        let snapshotId: string | null = null;
        let saveError: PortolanError | undefined;
        const settings = deps.settings.get();
        if (settings.saveHistory) {
          // A failed save must not cost the analyst a good Graph answer: the result goes back with the reason.
          try {
            snapshotId = await saveSnapshot(deps, source, settings, outcome);
          } catch (err) {
            saveError = toPortolanError(err);
          }
        }
        // The body stays here: the result carries its id, and the detail asks for it when it is wanted.
        const { raw, ...shown } = outcome;
        const value: LookupResultView = inParts({ ...shown, rawId: raws.put(raw), rawChars: raw.length, source: source.kind, snapshotId });
        if (saveError) value.saveError = saveError;
        return { ok: true, value };
      } catch (err) {
        const error = toPortolanError(err);
        if (OFFLINE_KINDS.has(error.kind)) lastNetworkOk = false;
        if (OFFLINE_KINDS.has(error.kind) || error.kind === 'signInRequired' || error.kind === 'notConfigured') {
          await offerSaved(deps.history, input, error);
        }
        return { ok: false, error };
      } finally {
        inFlight.delete(req.requestId);
      }
    },

    'lookup:banners': async (req) => {
      const banners = bannerParts.get(req.id);
      if (banners === null) return { ok: false, error: { kind: 'notFound', message: 'The rest of these banners are no longer held in memory: look the host port up again.' } };
      return { ok: true, value: { banners: banners.slice(req.offset, req.offset + BANNER_PART) } };
    },

    'lookup:raw': async (req) => {
      const raw = raws.get(req.rawId);
      if (raw === null) return { ok: false, error: { kind: 'notFound', message: 'That response is no longer held in memory: look it up again, or open it from History.' } };
      return { ok: true, value: { raw } };
    },

    'lookup:cancel': async (req) => {
      const controller = inFlight.get(req.requestId);
      controller?.abort();
      return { ok: true, value: { cancelled: controller !== undefined } };
    },

    'settings:get': () => asResult(() => withOverridden(deps.settings, deps.settings.get())),
    'settings:set': (patch) => asResult(async () => withOverridden(deps.settings, await deps.settings.update(patch))),

    'auth:status': () => asResult(() => deps.auth.status()),
    'auth:signIn': () => asResult(() => deps.auth.signIn()),
    'auth:cancelSignIn': () => asResult(() => ({ cancelled: deps.auth.cancelSignIn() })),
    'auth:signOut': (req) => asResult(() => deps.auth.signOut(req.homeAccountId)),
    'auth:switchAccount': (req) => asResult(() => deps.auth.switchAccount(req.homeAccountId)),

    'history:list': (query) => asResult(() => deps.history.list(query)),
    'history:snapshots': (req) => asResult(() => deps.history.snapshots(req.hostPortId)),
    'history:get': (req) => asResult(async () => inParts(await deps.history.get(req.snapshotId))),
    'history:setMeta': (patch) =>
      asResult(async () => {
        await deps.history.setMeta(patch);
        return { ok: true as const };
      }),
    'history:delete': (req) => asResult(() => deps.history.delete(req)),
    'history:undo': (req) => asResult(() => deps.history.undo(req.undoToken)),
    'history:clear': () => asResult(() => deps.history.clear()),
    'history:compare': (req) => asResult(() => deps.history.compare(req.beforeId, req.afterId)),
    'history:timeline': (req) => asResult(() => hostPortTimeline(deps.history, req.hostPortId)),
    'history:exportStix': (req) =>
      asResult(async () => {
        const today = new Date(deps.clock.now()).toISOString().slice(0, 10);
        if (req.query === undefined) return exportStix(deps.history, req, today);
        return exportStix(deps.history, { hostPortIds: (await selectedHostPorts(deps.history, req)) ?? [] }, today);
      }),
    'history:exportToFile': (req) => asResult(async () => files(deps).exportToFile(req.format, await selectedHostPorts(deps.history, req))),
    'history:importFromFile': (req) => asResult(() => files(deps).importFromFile(req)),
    'history:importProgress': () => asResult(() => files(deps).progress()),

    'shell:openExternal': (req) =>
      asResult(async () => {
        const opened = await deps.openExternal(req.url);
        if (!opened) throw fail('invalidInput', 'Portolan only opens https links to Microsoft documentation and sign-in pages.');
        return { opened };
      }),

    'host:section': (req, ctx) =>
      asResult(async () => {
        const graph = deps.source().graph;
        if (!graph.hostSection) throw fail('notConfigured', 'This data source has no host sections.');
        const view = await graph.hostSection(req, ctx.signal);
        if (deps.settings.get().saveHistory) await keepSection(deps.history, req, view);
        return view;
      }),

    'app:pendingLinks': () => asResult(async () => ({ links: deps.links?.take() ?? [] })),
    // The answer carries the proxy password: it goes to Chromium's callback and nowhere else (not in any result).
    'proxyLogin:pending': () => asResult(async () => ({ challenge: deps.proxyLogins?.pending() ?? null })),
    'proxyLogin:answer': (req) => asResult(async () => ({ answered: deps.proxyLogins?.answer(req) ?? false })),
    ...bulkHandlers(deps.bulk),
  };
}

async function saveSnapshot(deps: ServiceDeps, source: SourcePort, settings: SettingsView, outcome: HostPortResult): Promise<string> {
  const resolved = outcome.request.resolvedFrom;
  const saved = await deps.history.save({
    hostPortId: outcome.hostPort.id,
    host: resolved?.host ?? outcome.hostPort.host?.id ?? null,
    port: resolved?.port ?? outcome.hostPort.port,
    savedAt: outcome.fetchedAt,
    cloud: settings.cloud,
    tenant: source.kind === 'demo' ? null : settings.tenant,
    account: await deps.activeUsername(),
    source: source.kind,
    request: outcome.request,
    raw: outcome.raw,
    hostPort: outcome.hostPort,
    ...(outcome.portList ? { context: { portList: outcome.portList, sections: {} } } : {}),
  });
  return saved.id;
}

function withOverridden(settings: SettingsPort, view: SettingsView): SettingsView {
  const fields = settings.overridden?.() ?? [];
  return fields.length ? { ...view, overridden: [...fields] } : view;
}

/** When a lookup cannot reach Graph, point the analyst at what history already knows. */
function files(deps: ServiceDeps): HistoryFiles {
  if (!deps.historyFiles) throw fail('notConfigured', 'This host does not read or write history files.');
  return deps.historyFiles;
}

async function offerSaved(history: HistoryPort, input: LookupInput, error: PortolanError): Promise<void> {
  try {
    // Host and port read as the lookup read them (2001:DB8:0:0:0:0:0:1 finds what was saved as 2001:db8::1).
    const read = input.hostPortId ? null : parseLookupInput({ host: input.host, port: input.port });
    const ref = input.hostPortId
      ? { hostPortId: input.hostPortId.trim() }
      : read?.ok && read.hostPortId !== undefined
        ? { hostPortId: read.hostPortId }
        : read?.ok && read.port !== undefined
          ? { host: read.host, port: read.port }
          : null;
    if (!ref) return;
    const saved = await history.latestFor(ref);
    if (saved) {
      error.savedSnapshotId = saved.id;
      error.savedAt = saved.savedAt;
      // Minutes are enough in a sentence; the renderer shows the exact time beside the snapshot.
      const when = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(saved.savedAt) ? `${saved.savedAt.slice(0, 16).replace('T', ' ')} UTC` : saved.savedAt;
      error.message = `${error.message} A saved snapshot from ${when} is available in history.`;
    }
  } catch {
    // History being unreadable must not hide the original error.
  }
}
