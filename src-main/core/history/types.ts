// Public shapes of the history store. The store speaks the IPC contract's view types so the service layer
// can hand results straight to the renderer.
import type {
  CompareView,
  HistoryPageView,
  ImportReportView,
  SnapshotMetaView,
  SnapshotView,
} from '../../../src-shared/views';
import type { HistoryQuery, HistorySelection } from '../../../src-shared/contract';
import type { Writable } from 'node:stream';
import type { Clock, KvStoreFactory } from '../ports';
import type { WriterEntry } from './file-writer';
import type { ExportFormat, ExportOutcome } from './export-stream';
import type { ImportOptions, ImportSource } from './import-stream';
import type { AttachOutcome, ContextAttachInput } from './attach-context';

/** What a successful lookup hands to the store: a snapshot before the store gives it an id (and, by default, its time). */
export type SnapshotInput = Omit<SnapshotView, 'id' | 'savedAt'> & {
  /** ISO time; defaults to the store's clock. */
  savedAt?: string;
};

export interface RetentionPolicy {
  /** Keep at most this many snapshots per hostPort (newest kept); null = no limit. */
  perHostPort: number | null;
  /** Drop snapshots saved more than this many days ago; null = no limit. */
  days: number | null;
}

/** Runs the store's deferred housekeeping; tests drive it by hand instead of waiting on real time. */
export interface HistoryScheduler {
  /** Runs `task` after `ms`; the returned function cancels it. */
  schedule(ms: number, task: () => void): () => void;
}

export interface HistoryStoreOptions {
  /** Folder that holds every history file (e.g. <userData>/history). */
  dir: string;
  /** electron-store in the app, conf in Node. Called with clearInvalidConfig:false. */
  kv: KvStoreFactory;
  clock?: Clock;
  /** Read on every save, so a settings change applies to the next save. Default: keep everything. */
  retention?: () => RetentionPolicy;
  /** Default: unref'd timers. */
  scheduler?: HistoryScheduler;
  /** Where an import's file-writer thread starts from; default: its source beside file-writer.ts (run under tsx). */
  writer?: WriterEntry;
  /** Tuning for tests and the benchmark. */
  tuning?: {
    /** Compact the index journal after this many records (default 2000). */
    journalMaxRecords?: number;
    /** Awaited by a background compaction after its files are written, before it commits (crash tests). */
    beforeCompactionCommit?: () => Promise<void> | void;
    /** Awaited by a background compaction between its steps (default: the next turn of the event loop). */
    compactionTurn?: () => Promise<void>;
    /** Load search text this many ms after open (default 0: next tick); -1 = only on first search. */
    searchLoadDelayMs?: number;
    /** Adopt snapshot files the index does not list this many ms after an open that followed an abrupt exit (default 2000). */
    sweepDelayMs?: number;
  };
}

export interface HistoryMetaInput {
  hostPortId: string;
  note?: string;
  tags?: string[];
  pinned?: boolean;
}

/** Exactly one of the two (as the contract's DeleteRequest enforces); anything else is invalidInput. */
export interface DeleteInput {
  snapshotId?: string;
  hostPortId?: string;
}
export type LatestRef = { hostPortId: string } | { host: string; port: number };

export interface HistoryStore {
  /** Things the user must be told once (a damaged file moved aside, a migration). The UI shows and may clear them. */
  readonly notices: string[];
  /** 'readOnly': written by a newer Portolan, so nothing is changed; 'sessionOnly': the folder could not be opened at all. */
  readonly mode: 'normal' | 'readOnly' | 'sessionOnly';
  save(input: SnapshotInput): Promise<SnapshotMetaView>;
  list(query?: HistoryQuery): Promise<HistoryPageView>;
  /** Every host port id the list shows for this search and these filters, in its order, all pages (for exports). */
  matchingIds(selection?: HistorySelection): Promise<string[]>;
  snapshots(hostPortId: string): Promise<SnapshotMetaView[]>;
  get(snapshotId: string): Promise<SnapshotView>;
  /** The newest saved snapshot for a hostPort, for offline fallback; null when none. */
  latestFor(ref: LatestRef): Promise<SnapshotView | null>;
  /** Keeps a host section main fetched after the save with that snapshot (plain data in and out). */
  attachSection(input: ContextAttachInput): Promise<AttachOutcome>;
  setMeta(patch: HistoryMetaInput): Promise<void>;
  delete(request: DeleteInput): Promise<{ undoToken: string; removed: number }>;
  undo(undoToken: string): Promise<{ restored: number }>;
  clear(): Promise<{ removed: number }>;
  compare(beforeId: string, afterId: string): Promise<CompareView>;
  /** Streams an export into `out` (which the caller ends); never holds the whole document. */
  exportTo(out: Writable, format: ExportFormat, hostPortIds?: string[]): Promise<ExportOutcome>;
  /** Reads an export as a stream; `open` is called again for the second pass of an all-or-nothing import. */
  importFrom(open: ImportSource, options?: ImportOptions): Promise<ImportReportView>;
  /** Resolves once search text is in memory (it loads after the first page, so open stays fast). */
  searchReady(): Promise<void>;
  stats(): { snapshots: number; hostPorts: number };
  /** Flushes deferred deletions and closes the journal. The store is unusable afterwards. */
  close(): Promise<void>;
}
