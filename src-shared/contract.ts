// The one IPC contract. Main (Electron and the web preview) validates every request against these
// schemas; the preload and renderer import the types only.
import { z } from 'zod';
import type {
  AppInfoView,
  AuthStatusView,
  BannerView,
  CompareView,
  ExportFileView,
  ExportView,
  HistoryPageView,
  ImportProgressView,
  ImportReportView,
  LookupResultView,
  PendingLinksView,
  ProxyChallengeView,
  Result,
  SettingsView,
  SnapshotMetaView,
  SnapshotView,
} from './views';

export * from './views';
import type { BannersHeld } from './banner-parts';
import { BulkExportRequest, BulkJobRef, BulkResultsRequest, BulkStartRequest } from './bulk-contract';
import type { BulkJobStatusView, BulkResultRowView } from './bulk-views';
import { HostSectionRequest } from './host-section-contract';
import type { HostSectionView } from './host-views';
import type { TimelineView } from './timeline-views';
import type { ChannelName, MenuCommand } from './channels';
import { ERROR_CODES } from './error-codes';
export { CHANNEL_NAMES, ipcChannel, isMenuCommand, MENU_COMMANDS, type MenuCommand } from './channels';

const requestId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const short = (max: number) => z.string().max(max);

import { HOSTPORT_SELECTABLE } from './selectable';
import { hostPortIdProblem, MAX_HOST_PORT_ID_LENGTH } from './host-port-id';
import { SAVED_HOST_PORT_ID_MAX } from './limits';
import { MAX_HOST_INPUT_LENGTH, parseLookupInput } from './host-port-input';
export { HOSTPORT_SELECTABLE, type SelectableField } from './selectable';

export const LookupRequest = z
  .object({
    /** Cancels this lookup with lookup:cancel. */
    requestId,
    /** What the analyst typed or pasted: read by shared/host-port-input, the very reading the form uses. */
    host: short(MAX_HOST_INPUT_LENGTH).optional(),
    /** Whole numbers only; the refinement below says which rule a bad port breaks. */
    port: z.union([z.number(), short(10)]).optional(),
    /** Blank = look up host and port instead; otherwise refused here, before main does anything, when it cannot be one safe path segment. */
    hostPortId: short(MAX_HOST_PORT_ID_LENGTH)
      .superRefine((value, ctx) => {
        const id = value.trim();
        const problem = id === '' ? null : hostPortIdProblem(id);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    /** With hostPortId: the host whose port list it was picked from, so the answer carries that list again. */
    portListHost: short(MAX_HOST_INPUT_LENGTH).optional(),
    /** Empty or missing = every property. */
    select: z.array(z.enum(HOSTPORT_SELECTABLE)).max(HOSTPORT_SELECTABLE.length).optional(),
    expandCertificate: z.boolean().default(true),
  })
  .strict()
  .superRefine((value, ctx) => {
    // A pasted id wins (as in main); otherwise host and port are refused here with the form's own words.
    if (value.hostPortId !== undefined && value.hostPortId.trim() !== '') return;
    const hostBlank = value.host === undefined || value.host.trim() === '';
    if (hostBlank) {
      if (typeof value.port === 'number' && !Number.isInteger(value.port)) ctx.addIssue({ code: 'custom', path: ['port'], message: 'Port must be a whole number.' });
      return;
    }
    const read = parseLookupInput({ host: value.host, port: value.port });
    if (!read.ok) ctx.addIssue({ code: 'custom', path: [read.field], message: read.error });
  });
export type LookupRequest = z.input<typeof LookupRequest>;

export const CancelRequest = z.object({ requestId }).strict();

export const SettingsPatch = z
  .object({
    cloud: z.enum(['global', 'usGovL4', 'usGovL5', 'china', 'custom']),
    customAuthority: short(500).nullable(),
    customGraphRoot: short(500).nullable(),
    tenant: short(200),
    clientId: short(64).nullable(),
    apiVersion: z.enum(['v1.0', 'beta']),
    saveHistory: z.boolean(),
    retentionPerHostPort: z.number().int().min(1).max(100000).nullable(),
    retentionDays: z.number().int().min(1).max(36500).nullable(),
    allowWeakCacheEncryption: z.boolean(),
    proxyMode: z.enum(['system', 'direct', 'manual', 'pac']),
    proxyUrl: short(2000).nullable(),
    theme: z.enum(['system', 'light', 'dark']),
  })
  .partial()
  .strict();
export type SettingsPatch = z.input<typeof SettingsPatch>;

export const AccountRequest = z.object({ homeAccountId: short(300) }).strict();

export const HISTORY_SORT_KEYS = ['saved', 'host', 'port', 'status'] as const;
export type HistorySortKey = (typeof HISTORY_SORT_KEYS)[number];

export const HistoryQuery = z
  .object({
    text: short(500).default(''),
    /** Exactly this hostPort (its summary: note, tags, pin, counts). */
    hostPortId: short(SAVED_HOST_PORT_ID_MAX).optional(),
    status: short(40).optional(),
    protocol: short(40).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    tag: short(80).optional(),
    /** ISO dates, inclusive. */
    from: short(40).optional(),
    to: short(40).optional(),
    /** Row order; pinned rows lead only in the default order (last saved, newest first). */
    sort: z.enum(HISTORY_SORT_KEYS).default('saved'),
    order: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type HistoryQuery = z.input<typeof HistoryQuery>;
/** What a list shows, without paging: an export of "what the search and filters show" takes this. */
export const HistorySelection = HistoryQuery.omit({ offset: true, limit: true });
export type HistorySelection = z.input<typeof HistorySelection>;

export const HostPortRef = z.object({ hostPortId: short(SAVED_HOST_PORT_ID_MAX) }).strict();
export const SnapshotRef = z.object({ snapshotId: short(128) }).strict();
export const HistoryMetaPatch = z
  .object({
    hostPortId: short(SAVED_HOST_PORT_ID_MAX),
    note: short(20000).optional(),
    tags: z.array(short(80)).max(50).optional(),
    pinned: z.boolean().optional(),
  })
  .strict();
export const DeleteRequest = z
  .object({ snapshotId: short(128).optional(), hostPortId: short(SAVED_HOST_PORT_ID_MAX).optional() })
  .strict()
  .refine((v) => (v.snapshotId === undefined) !== (v.hostPortId === undefined), 'name exactly one of snapshotId or hostPortId');
export const UndoRequest = z.object({ undoToken: short(128) }).strict();
export const ClearRequest = z.object({ confirm: z.literal('DELETE ALL') }).strict();
export const CompareRequest = z.object({ beforeId: short(128), afterId: short(128) }).strict();
/** STIX 2.1: one snapshot, or host ports (one, a selection; none named = the whole history). */
export const StixExportRequest = z
  .object({
    snapshotId: short(128).optional(),
    hostPortIds: z.array(short(SAVED_HOST_PORT_ID_MAX)).min(1).max(10_000).optional(),
    /** Every host port the list shows for this search and these filters (all pages). */
    query: HistorySelection.optional(),
  })
  .strict()
  .refine((v) => [v.snapshotId, v.hostPortIds, v.query].filter((x) => x !== undefined).length <= 1, 'name a snapshot, host ports or a query, not more than one');
/** Main writes the export itself (a save dialog in the app): nothing but the report crosses IPC. */
export const ExportFileRequest = z
  .object({
    format: z.enum(['ndjson', 'json', 'csv']),
    hostPortIds: z.array(short(SAVED_HOST_PORT_ID_MAX)).max(100000).optional(),
    /** Every host port the list shows for this search and these filters (all pages); not with hostPortIds. */
    query: HistorySelection.optional(),
  })
  .strict()
  .refine((v) => v.hostPortIds === undefined || v.query === undefined, 'name host ports or a query, not both');
/** Main reads the file itself (an open dialog in the app), as a stream, with no size limit. */
export const ImportFileRequest = z.object({ allOrNothing: z.boolean().default(false) }).strict();
/** The analyst's answer to a proxy's request for credentials: both fields, or cancel (id alone with cancel: true). */
export const ProxyAnswerRequest = z.union([
  z.object({ id: requestId, username: short(500), password: short(1000) }).strict(),
  z.object({ id: requestId, cancel: z.literal(true) }).strict(),
]);
export const OpenExternalRequest = z.object({ url: short(2048) }).strict();
/** A lookup's body, held in main under the id its result carried. */
export const RawRequest = z.object({ rawId: requestId }).strict();
/** The next part of a large result's banners, held in main under the id its result carried. */
export const BannersRequest = z.object({ id: requestId, offset: z.number().int().min(0).max(10_000_000) }).strict();
const Empty = z.object({}).strict();

/** Channel name → [request schema, response type]. The response type is only a type: main builds it. */
export const channels = {
  'app:info': Empty,
  'lookup:run': LookupRequest,
  'lookup:cancel': CancelRequest,
  'lookup:raw': RawRequest,
  'lookup:banners': BannersRequest,
  'settings:get': Empty,
  'settings:set': SettingsPatch,
  'auth:status': Empty,
  'auth:signIn': Empty,
  'auth:cancelSignIn': Empty,
  'auth:signOut': AccountRequest,
  'auth:switchAccount': AccountRequest,
  'history:list': HistoryQuery,
  'history:snapshots': HostPortRef,
  'history:get': SnapshotRef,
  'history:setMeta': HistoryMetaPatch,
  'history:delete': DeleteRequest,
  'history:undo': UndoRequest,
  'history:clear': ClearRequest,
  'history:compare': CompareRequest,
  /** One saved host port's banners, services, certificates and saves on a time axis, from its snapshots. */
  'history:timeline': HostPortRef,
  'history:exportStix': StixExportRequest,
  'history:exportToFile': ExportFileRequest,
  'history:importFromFile': ImportFileRequest,
  'history:importProgress': Empty,
  'shell:openExternal': OpenExternalRequest,
  /** One host endpoint (or one more page of a paged one) for the detail's host sections. */
  'host:section': HostSectionRequest,
  /** Takes (and clears) the portolan:// links the OS handed main since the last call. */
  'app:pendingLinks': Empty,
  /** The oldest proxy credential request waiting for the analyst, if any (it stays until answered or timed out). */
  'proxyLogin:pending': Empty,
  'proxyLogin:answer': ProxyAnswerRequest,
  /** Bulk jobs: scheduled in main; the page polls bulk:status and bulk:results while one runs. */
  'bulk:start': BulkStartRequest,
  'bulk:pause': BulkJobRef,
  'bulk:resume': BulkJobRef,
  'bulk:cancel': BulkJobRef,
  'bulk:rerunFailed': BulkJobRef,
  'bulk:status': Empty,
  'bulk:results': BulkResultsRequest,
  'bulk:export': BulkExportRequest,
} as const;

export type Channel = keyof typeof channels;

// Compile-time check that channels.ts (used by the preload) lists exactly these channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameChannels: Same<Channel, ChannelName> = true;
void _sameChannels;

export interface Responses {
  'app:info': AppInfoView;
  'lookup:run': LookupResultView;
  'lookup:cancel': { cancelled: boolean };
  /** The body exactly as Graph returned it. */
  'lookup:raw': { raw: string };
  /** Banners from `offset` on, a part at a time. */
  'lookup:banners': { banners: BannerView[] };
  'settings:get': SettingsView;
  'settings:set': SettingsView;
  'auth:status': AuthStatusView;
  'auth:signIn': AuthStatusView;
  'auth:cancelSignIn': { cancelled: boolean };
  'auth:signOut': AuthStatusView;
  'auth:switchAccount': AuthStatusView;
  'history:list': HistoryPageView;
  'history:snapshots': SnapshotMetaView[];
  'history:get': SnapshotView & BannersHeld;
  'history:setMeta': { ok: true };
  'history:delete': { undoToken: string; removed: number };
  'history:undo': { restored: number };
  'history:clear': { removed: number };
  'history:compare': CompareView;
  'history:timeline': TimelineView;
  'history:exportStix': ExportView;
  'history:exportToFile': ExportFileView;
  /** cancelled: the analyst closed the open dialog. */
  'history:importFromFile': ImportReportView & { cancelled?: boolean };
  'history:importProgress': ImportProgressView;
  'shell:openExternal': { opened: boolean };
  'host:section': HostSectionView;
  'app:pendingLinks': PendingLinksView;
  'proxyLogin:pending': { challenge: ProxyChallengeView | null };
  /** answered: false when the request had already timed out or been answered. */
  'proxyLogin:answer': { answered: boolean };
  'bulk:start': BulkJobStatusView;
  'bulk:pause': BulkJobStatusView;
  'bulk:resume': BulkJobStatusView;
  'bulk:cancel': BulkJobStatusView;
  'bulk:rerunFailed': BulkJobStatusView;
  'bulk:status': { jobs: BulkJobStatusView[] };
  'bulk:results': { rows: BulkResultRowView[]; total: number };
  'bulk:export': ExportView;
}

export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]>;
export type ResponseOf<C extends Channel> = Responses[C];

/** The API the preload exposes as window.portolan, and the preview's HTTP bridge implements. */
export type PortolanApi = {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
};

/** The preload's data-less listeners (the app only; the preview has none). Each returns an unsubscribe function. */
export type PortolanNotifications = {
  onLinkAvailable(listener: () => void): () => void;
  onOpenSettings(listener: () => void): () => void;
  onProxyLogin(listener: () => void): () => void;
  /** A menu item asked for a keyboard shortcut's action (the listener gets only a name from MENU_COMMANDS). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};

/** Main-side handler map: one method per channel, taking the validated request. */
export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>, ctx: { signal?: AbortSignal }) => Promise<Result<ResponseOf<C>>>;
};

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/**
 * Validates an untrusted (channel, payload) pair. Returns the parsed request or a typed invalidInput error
 * whose message names the offending fields, so the renderer can show it.
 */
export function parseRequest<C extends Channel>(
  channel: C,
  payload: unknown,
): { ok: true; value: ParsedRequestOf<C> } | { ok: false; error: import('./views').PortolanError } {
  const schema = channels[channel] as unknown as z.ZodType<ParsedRequestOf<C>>;
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'request'}: ${i.message}`)
    .join('; ');
  const key = parsed.error.issues[0]?.path[0];
  const field = typeof key === 'string' ? { field: key } : {};
  return { ok: false, error: { kind: 'invalidInput', message: `Invalid ${channel} request: ${issues}`, code: ERROR_CODES.REQUEST_INVALID, ...field } };
}

/** Dispatches one untrusted call to a handler map. Shared by Electron's ipcMain wiring and the preview bridge. */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  ctx: { signal?: AbortSignal } = {},
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { kind: 'invalidInput', message: `Unknown channel: ${String(channel).slice(0, 80)}` } };
  }
  const parsed = parseRequest(channel, payload);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[channel] as (r: unknown, c: { signal?: AbortSignal }) => Promise<Result<unknown>>;
    return await handler(parsed.value, ctx);
  } catch (err) {
    // A handler should never throw; if one does, the renderer still gets a typed value, not a lost Error.
    return { ok: false, error: { kind: 'internal', message: 'Something went wrong inside Portolan.', detail: errorDetail(err) } };
  }
}

function errorDetail(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  // Defence in depth: never let anything that looks like a bearer token cross the boundary.
  return text.replace(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted]').slice(0, 500);
}
