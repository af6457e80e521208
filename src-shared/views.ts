// Plain, serialisable shapes that cross the process boundary. No runtime code here:
// the renderer imports this file type-only.
import type { BannersHeld } from './banner-parts';
import type { SearchMatchView, SnapshotChangeView } from './history-list-views';
import type { OtherProperty } from './other-properties';

export type { SearchMatchView, SnapshotChangeView } from './history-list-views';
export type { OtherProperty } from './other-properties';

/** A timestamp exactly as Graph sent it, plus its parsed value when (and only when) it is a valid date. */
export interface Stamp {
  /** The text Graph sent, untouched; null when the property was missing or null. */
  raw: string | null;
  /** Milliseconds since the epoch; null when missing or not a valid date (e.g. month 17). */
  ms: number | null;
}

export interface BannerView {
  banner: string;
  scanProtocol: string | null;
  firstSeen: Stamp;
  lastSeen: Stamp;
  timesObserved: number | null;
}

export interface ComponentView {
  id: string | null;
  name: string | null;
  version: string | null;
  category: string | null;
  firstSeen: Stamp;
  lastSeen: Stamp;
}

export interface ServiceView {
  firstSeen: Stamp;
  lastSeen: Stamp;
  isRecent: boolean | null;
  component: ComponentView | null;
}

export interface CertificateEntityView {
  commonName: string | null;
  alternateNames: string[];
  organizationName: string | null;
  organizationUnitName: string | null;
  email: string | null;
  givenName: string | null;
  surname: string | null;
  serialNumber: string | null;
  /** physicalAddress, kept as received */
  address: unknown;
}

export interface CertificateView {
  id: string | null;
  sha1: string | null;
  fingerprint: string | null;
  serialNumber: string | null;
  issueDate: Stamp;
  expirationDate: Stamp;
  firstSeen: Stamp;
  lastSeen: Stamp;
  issuer: CertificateEntityView | null;
  subject: CertificateEntityView | null;
  /** True when Graph returned only a reference (no $expand): just the id. */
  referenceOnly: boolean;
}

export interface HostView {
  id: string | null;
  /** '#microsoft.graph.security.ipAddress', '#microsoft.graph.security.hostname', or whatever Graph sent. */
  odataType: string | null;
  firstSeen: Stamp;
  lastSeen: Stamp;
  /** Type-specific properties (autonomousSystem, countryOrRegion, registrar, ...), kept as received. */
  details: Record<string, unknown>;
}

export interface HostPortView {
  id: string;
  port: number | null;
  /** tcp, udp, unknownFutureValue, or any value Graph adds later: kept as received. */
  protocol: string | null;
  /** open, filtered, closed, unknownFutureValue, or any later value: kept as received. */
  status: string | null;
  firstSeen: Stamp;
  lastSeen: Stamp;
  lastScan: Stamp;
  timesObserved: number | null;
  banners: BannerView[];
  services: ServiceView[];
  certificate: CertificateView | null;
  host: HostView | null;
  /** Properties we do not model, kept so nothing Graph sent is lost. */
  extra: Record<string, unknown>;
  /** Human-readable notes about oddities in the data (invalid timestamps, unexpected types). */
  warnings: string[];
}

export type ErrorKind =
  | 'invalidInput'
  | 'unauthorized'
  | 'signInRequired'
  | 'forbidden'
  | 'licence'
  | 'notFound'
  | 'throttled'
  | 'server'
  /** 502/503/504 without Retry-After: Graph, or a gateway or proxy in between, is down. */
  | 'unavailable'
  | 'network'
  | 'offline'
  | 'timeout'
  | 'invalidResponse'
  | 'cancelled'
  | 'notConfigured'
  | 'storage'
  | 'internal';

/** Every failure crosses IPC as this value, never as a thrown Error. */
export interface PortolanError {
  kind: ErrorKind;
  /** What the analyst is told. Never contains a token. */
  message: string;
  status?: number;
  /** Graph's error.code (or an AADSTS code), for support. */
  code?: string;
  /** Graph's innerError request-id, which Microsoft support asks for. */
  requestId?: string;
  /** Graph's innerError date. */
  date?: string;
  retryAfterSeconds?: number;
  /** Extra technical detail safe to show (never a token). */
  detail?: string;
  /** The input or setting the error is about (e.g. 'host', 'proxy'), so the UI can mark that field. */
  field?: string;
  /** When a lookup failed (e.g. offline) but history holds a saved snapshot of the same hostPort. */
  savedSnapshotId?: string;
  /** savedAt of that snapshot. */
  savedAt?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: PortolanError };

export type DataSource = 'graph' | 'demo' | 'token';

export interface LookupRequestInfo {
  /** Full request URL (no token). */
  url: string;
  select: string[];
  expand: string[];
  /** When the id came from host:port, the host and port it was resolved from. */
  resolvedFrom: { host: string; port: number } | null;
  /** Where the id came from (absent in snapshots saved before this was recorded). */
  idFrom?: import('./host-views').HostPortIdOrigin;
}

export interface LookupResultView extends BannersHeld {
  hostPort: HostPortView;
  /**
   * The response body exactly as Graph returned it is not sent with the result (it would double what crosses
   * the bridge, megabytes with thousands of banners): main holds it under this id for lookup:raw, and the
   * detail asks for it when the analyst reaches the raw JSON or copies it.
   */
  rawId: string;
  /** The body's length in characters. */
  rawChars: number;
  /** Whatever the body holds that the structured view does not show (worked out in main, which parsed it). */
  otherProperties: OtherProperty[];
  request: LookupRequestInfo;
  source: DataSource;
  /** ISO time when the response arrived. */
  fetchedAt: string;
  /** Id of the snapshot saved in history, when saving is on. */
  snapshotId: string | null;
  /** Present when saving to history was on but failed: the result is still good, it is just not in history. */
  saveError?: PortolanError;
  /** The host's port list (every page), when the lookup read it. */
  portList?: import('./host-views').HostPortListView;
}

export type CloudId = 'global' | 'usGovL4' | 'usGovL5' | 'china' | 'custom';

/** Settings › Network: the system's proxy (PAC included), none, one http proxy, or a PAC script URL. */
export type ProxyMode = 'system' | 'direct' | 'manual' | 'pac';

/** Settings › Appearance: follow the OS, or force the light or dark palette. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface SettingsView {
  cloud: CloudId;
  /** For 'custom' only: https authority base (e.g. https://login.example.com) and Graph service root. */
  customAuthority: string | null;
  customGraphRoot: string | null;
  tenant: string;
  clientId: string | null;
  apiVersion: 'v1.0' | 'beta';
  saveHistory: boolean;
  retentionPerHostPort: number | null;
  retentionDays: number | null;
  /** Linux basic_text backend: keep the token cache on disk anyway (user opted in). */
  allowWeakCacheEncryption: boolean;
  /** How the app reaches Graph and Entra ID; applied to Chromium's session in the app, not used by the web preview. */
  proxyMode: ProxyMode;
  /** The http proxy (manual) or the PAC script URL (pac); kept when another mode is chosen. Never holds credentials. */
  proxyUrl: string | null;
  theme: ThemeChoice;
  /**
   * settings:get/set only: fields whose value in force is fixed for this run by a preview flag
   * (--client-id, --tenant, --authority, --graph-base-url), so the settings view can say so. Saving them
   * stores the value for later runs without changing this one.
   */
  overridden?: SettingKey[];
}

/** The persisted settings fields (everything in SettingsView but the informational `overridden`). */
export type SettingKey = Exclude<keyof SettingsView, 'overridden'>;

export interface AccountView {
  homeAccountId: string;
  name: string | null;
  username: string;
  tenantId: string;
}

export interface AuthStatusView {
  /** 'token': PORTOLAN_GRAPH_TOKEN (preview only), 'demo': embedded demo data, 'msal': real sign-in. */
  mode: 'msal' | 'token' | 'demo';
  configured: boolean;
  signedIn: boolean;
  active: AccountView | null;
  accounts: AccountView[];
  signInInProgress: boolean;
  /** Set when the token cache is kept in memory only, or another caveat the user must know. */
  cacheWarning: string | null;
  /**
   * True when the OS cannot encrypt the token cache securely (Electron's Linux 'basic_text' backend), so
   * Settings offers allowWeakCacheEncryption. Absent otherwise.
   */
  weakCacheEncryption?: boolean;
}

export interface AppInfoView {
  version: string;
  source: DataSource;
  /** True when running as the web preview rather than the Electron app. */
  preview: boolean;
  cloud: CloudId;
  graphRoot: string;
  online: boolean;
  /** Shown once when a corrupt store file was moved aside. */
  storageNotices: string[];
  /**
   * Why the source is 'demo': the session was started with demo data on purpose ('demoFlag'), or no
   * application (client) ID is configured yet ('notConfigured', when the first-run guide applies).
   */
  demoReason?: 'demoFlag' | 'notConfigured';
  /** Whether this host applies Settings › Network (the app does; the web preview takes --proxy instead). */
  networkSettings: boolean;
  /** The theme setting, so the page can apply it as soon as it starts. */
  theme: ThemeChoice;
}

/** A proxy asking for credentials (Chromium's login event), waiting for the analyst's answer. */
export interface ProxyChallengeView {
  id: string;
  host: string;
  port: number;
  realm: string;
  scheme: string;
}

// ---- history ----

export interface HostPortSummaryView {
  hostPortId: string;
  host: string | null;
  port: number | null;
  status: string | null;
  protocol: string | null;
  snapshotCount: number;
  latestAt: string;
  latestSnapshotId: string;
  pinned: boolean;
  tags: string[];
  note: string;
  /** With a search: where the first term matched, as text pieces (marked = the matching part). */
  match?: SearchMatchView;
}

export interface SnapshotMetaView {
  id: string;
  hostPortId: string;
  savedAt: string;
  status: string | null;
  bannerCount: number;
  serviceCount: number;
  /** Since the previous snapshot; absent when it could not be worked out (a damaged file, or too far down the list). */
  change?: SnapshotChangeView;
}

export interface SnapshotView {
  id: string;
  hostPortId: string;
  host: string | null;
  port: number | null;
  savedAt: string;
  cloud: CloudId;
  tenant: string | null;
  account: string | null;
  source: DataSource;
  request: LookupRequestInfo;
  raw: string;
  hostPort: HostPortView;
  /** The host's context saved with it (absent in snapshots saved before it was kept). */
  context?: import('./host-views').SnapshotContextView;
}

export interface HistoryPageView {
  items: HostPortSummaryView[];
  total: number;
}

export interface DiffChange<T> {
  before: T;
  after: T;
}

export interface CompareView {
  before: SnapshotMetaView;
  after: SnapshotMetaView;
  fields: { field: string; before: string | number | null; after: string | number | null }[];
  banners: {
    added: BannerView[];
    removed: BannerView[];
    changed: DiffChange<BannerView>[];
  };
  services: {
    added: ServiceView[];
    removed: ServiceView[];
    versionChanged: DiffChange<ServiceView>[];
  };
  certificate: { changed: boolean; before: CertificateView | null; after: CertificateView | null };
  /** Host context changes, when at least one of the two snapshots kept its context. */
  context?: import('./host-views').ContextCompareView;
}

export interface ExportView {
  filename: string;
  mime: string;
  content: string;
}

export interface ImportReportView {
  added: number;
  skipped: number;
  /** Streamed imports: records refused as malformed; the rest of the file was still imported (unless aborted). */
  refused?: number;
  /** The first refused records: line number in the file (null where the format has no lines) and why. */
  problems?: ImportProblemView[];
  /** All or nothing was asked for and a record was refused, so nothing was imported. */
  aborted?: boolean;
}

/** An export main wrote itself; saved is false when the analyst cancelled the save dialog. */
export interface ExportFileView {
  saved: boolean;
  snapshots: number;
}

export interface ImportProblemView {
  line: number | null;
  /** Where in the file, for formats without lines (hostPorts[2].snapshots[5]); else the record's kind. */
  where: string;
  message: string;
}

/** How far the running import has read (polled by the History screen for its progress bar). */
export interface ImportProgressView {
  active: boolean;
  bytesRead: number;
  /** Null when the size is not known in advance. */
  totalBytes: number | null;
}

// ---- portolan:// links ----

/** What a validated portolan:// link asks to look up: the same two shapes the Lookup form accepts. */
export type LinkTarget = { kind: 'hostPort'; host: string; port: number } | { kind: 'id'; hostPortId: string };

/** One link the OS handed the app, already checked by main: a target to look up, or why it was refused. */
export type PendingLinkView = { ok: true; target: LinkTarget } | { ok: false; message: string };

export interface PendingLinksView {
  /** Oldest first; taking them empties main's queue. */
  links: PendingLinkView[];
}
