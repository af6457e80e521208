// The messages between main (or the preview's process) and the process that owns the history files. Everything
// here survives structured cloning: errors cross as PortolanError values, never as thrown objects.
import type { PortolanError } from '../../../src-shared/views';
import type { ExportFormat } from '../history/export-stream';
import type { HistoryStore, RetentionPolicy } from '../history/types';

/** Store methods that are a plain request and answer; export and import stream and have their own messages. */
export const CALL_METHODS = [
  'save',
  'list',
  'matchingIds',
  'attachSection',
  'snapshots',
  'get',
  'latestFor',
  'setMeta',
  'delete',
  'undo',
  'clear',
  'compare',
  'searchReady',
  'close',
] as const satisfies readonly (keyof HistoryStore)[];
export type CallMethod = (typeof CALL_METHODS)[number];

/** What the synchronous members of HistoryStore answer from; sent with every reply so they stay current. */
export interface HostState {
  mode: HistoryStore['mode'];
  notices: string[];
  stats: { snapshots: number; hostPorts: number };
}

export type ToHost =
  | { t: 'init'; dir: string }
  /** `retention` is the policy in force when the call was made (settings live on the caller's side). */
  | { t: 'call'; id: number; method: CallMethod; args: unknown[]; retention?: RetentionPolicy }
  | { t: 'export'; id: number; format: ExportFormat; hostPortIds?: string[] }
  | { t: 'import'; id: number; allOrNothing: boolean }
  /** The caller's destination took an export chunk (or is gone: `closed`). */
  | { t: 'ack'; id: number; closed?: boolean }
  /**
   * One chunk of the import source in answer to a pull; `done` at its end. When it could not be read: `error` for a
   * typed failure, `readError` (the message) for anything else, which the store then reports as it would in-process.
   */
  | { t: 'chunk'; id: number; data?: Uint8Array | string; done?: boolean; error?: PortolanError; readError?: string };

export type FromHost =
  | { t: 'ready'; state: HostState }
  | { t: 'done'; id: number; ok: true; value: unknown; state: HostState }
  | { t: 'done'; id: number; ok: false; error: PortolanError; state: HostState }
  /** A chunk of an export for the caller's destination; the next one waits for its ack. */
  | { t: 'out'; id: number; data: string | Uint8Array }
  /** The import wants its source opened again from the start (the second pass of all-or-nothing). */
  | { t: 'open'; id: number }
  | { t: 'pull'; id: number };

/** The caller's end of the link to a running host, whatever carries it (a worker thread, a utility process). */
export interface HostChannel {
  post(message: ToHost): void;
  onMessage(listener: (message: FromHost) => void): void;
  /** Called once when the host is gone, whether it exited, crashed or was killed. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** Starts a fresh host; the client calls it again after the host died. */
export type SpawnHost = () => HostChannel;

/** The host's end of the link. */
export interface HostSide {
  post(message: FromHost): void;
  onMessage(listener: (message: ToHost) => void): void;
  /** Ends the host once the store is closed. */
  exit(): void;
}
