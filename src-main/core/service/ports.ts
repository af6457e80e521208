// What the service needs from each core module, stated as narrow interfaces so the handlers can be
// tested with fakes and the modules can change behind them.
import type { HistoryQuery, HistorySelection } from '../../../src-shared/contract';
import type { HostSectionRequest } from '../../../src-shared/host-section-contract';
import type { HostSectionView } from '../../../src-shared/host-views';
import type {
  AuthStatusView,
  CompareView,
  DataSource,
  HistoryPageView,
  SettingKey,
  SettingsView,
  SnapshotMetaView,
  SnapshotView,
} from '../../../src-shared/views';
import type { HostPortResult, LookupInput } from '../graph/client';
import type { SnapshotInput } from '../history/types';
import type { AttachOutcome, ContextAttachInput } from '../history/attach-context';

// A lookup's input and result are the graph client's own types: one name per meaning, however the source answers.
export type { HostPortResult, LookupInput };

export interface GraphPort {
  lookup(input: LookupInput, signal?: AbortSignal): Promise<HostPortResult>;
  /** The detail's host sections; absent where a source has none. */
  hostSection?(request: HostSectionRequest, signal?: AbortSignal): Promise<HostSectionView>;
}

/** The data source in force right now: demo, a static preview token, or MSAL sign-in. */
export interface SourcePort {
  kind: DataSource;
  graphRoot: string;
  graph: GraphPort;
  /** For kind 'demo': chosen on purpose, or because sign-in is not configured yet. */
  demoReason?: 'demoFlag' | 'notConfigured';
}

export interface SettingsPort {
  get(): SettingsView;
  /** May wait for the user to confirm new endpoints; fails (nothing saved) when they do not. */
  update(patch: Partial<SettingsView>): SettingsView | Promise<SettingsView>;
  /** Fields fixed for this run by preview flags. */
  overridden?(): SettingKey[];
  readonly notices: readonly string[];
}

export interface AuthPort {
  status(): Promise<AuthStatusView>;
  signIn(): Promise<AuthStatusView>;
  cancelSignIn(): boolean;
  signOut(homeAccountId: string): Promise<AuthStatusView>;
  switchAccount(homeAccountId: string): Promise<AuthStatusView>;
}


export interface HistoryPort {
  save(snapshot: SnapshotInput): Promise<SnapshotMetaView>;
  list(query: Required<Pick<HistoryQuery, 'text' | 'offset' | 'limit'>> & HistoryQuery): HistoryPageView | Promise<HistoryPageView>;
  /** Every host port id a search and filters show, all pages (absent: the list is paged through instead). */
  matchingIds?(selection: HistorySelection): Promise<string[]>;
  snapshots(hostPortId: string): SnapshotMetaView[] | Promise<SnapshotMetaView[]>;
  get(snapshotId: string): SnapshotView | Promise<SnapshotView>;
  latestFor(ref: { hostPortId: string } | { host: string; port: number }): SnapshotView | null | Promise<SnapshotView | null>;
  setMeta(patch: { hostPortId: string; note?: string; tags?: string[]; pinned?: boolean }): void | Promise<void>;
  /** Keeps a host section main fetched with the saved snapshot it was asked for (absent: nothing is kept). */
  attachSection?(input: ContextAttachInput): Promise<AttachOutcome>;
  delete(ref: { snapshotId?: string; hostPortId?: string }): Promise<{ undoToken: string; removed: number }>;
  undo(undoToken: string): Promise<{ restored: number }>;
  clear(): Promise<{ removed: number }>;
  compare(beforeId: string, afterId: string): CompareView | Promise<CompareView>;
  readonly notices: readonly string[];
}
