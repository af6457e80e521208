// What crosses IPC about bulk jobs: plain serialisable values, built in main.
import type { PortolanError } from './views';

/** The columns the results table sorts by; main sorts, the renderer names them. */
export const BULK_SORT_KEYS = ['line', 'target', 'host', 'port', 'protocol', 'status', 'outcome', 'banners', 'services', 'certificate'] as const;

/** One host port a bulk target produced, as the results table shows it. */
export interface BulkHitView {
  hostPortId: string;
  host: string | null;
  port: number | null;
  protocol: string | null;
  status: string | null;
  bannerCount: number;
  serviceCount: number;
  /** Up to three "name version" texts, as received (attacker-controlled: render as text). */
  topServices: string[];
  certificateSubject: string | null;
  /** The history snapshot that opens the normal detail view. */
  snapshotId: string | null;
}

export type BulkJobState = 'running' | 'paused' | 'stopped' | 'finished' | 'cancelled';

export interface BulkJobStatusView {
  id: string;
  name: string;
  createdAt: string;
  state: BulkJobState;
  total: number;
  /** Targets with an answer (found or never observed). */
  done: number;
  failed: number;
  remaining: number;
  requests: number;
  /** Targets per minute over the last minute. */
  perMinute: number;
  /** Estimated seconds left, null while unknown. */
  etaSeconds: number | null;
  /** Seconds left of a Retry-After Graph asked for (0 = not waiting). */
  graphWaitSeconds: number;
  /** Why the job stopped by itself (sign-in, consent, licence). */
  stopError: PortolanError | null;
}

export interface BulkResultRowView {
  key: string;
  /** The pasted line number. */
  line: number;
  target: string;
  outcome: 'found' | 'notFound' | 'failed' | 'pending';
  hit: BulkHitView | null;
  error: PortolanError | null;
}
