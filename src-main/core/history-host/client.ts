// The caller's HistoryStore: every method is a message to the host process that owns the files. If the host
// dies, the calls it had not answered fail with HISTORY_HOST_STOPPED and the next call starts a fresh host, which
// reopens the history from its files (they, not the host's memory, are the truth). A host that will not start
// makes every call fail with HISTORY_UNAVAILABLE instead of retrying forever.
import type { Writable } from 'node:stream';
import type { HistoryQuery, HistorySelection } from '../../../src-shared/contract';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import type { CompareView, HistoryPageView, ImportReportView, SnapshotMetaView, SnapshotView } from '../../../src-shared/views';
import { fail, PortolanFailure } from '../failure';
import type { AttachOutcome, ContextAttachInput } from '../history/attach-context';
import type { ExportFormat, ExportOutcome } from '../history/export-stream';
import type { ImportOptions, ImportSource } from '../history/import-stream';
import type { DeleteInput, HistoryMetaInput, HistoryStore, LatestRef, RetentionPolicy, SnapshotInput } from '../history/types';
import type { CallMethod, FromHost, HostChannel, HostState, SpawnHost, ToHost } from './protocol';
import { whenDrained } from '../history/export-stream';

export interface HostedHistoryOptions {
  /** Folder that holds every history file; the host opens it. */
  dir: string;
  spawn: SpawnHost;
  /** Read on every save and sent along, so a settings change applies to the next save. */
  retention?: () => RetentionPolicy;
  /** Consecutive failed starts after which the history is reported unavailable (default 3). */
  maxFailedStarts?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: PortolanFailure): void;
  out?: Writable;
  source?: ImportSource;
  onBytes?: (bytes: number) => void;
  reading?: AsyncIterator<Buffer | string>;
}

interface Running {
  channel: HostChannel;
  ready: Promise<void>;
  alive: boolean;
}

const stopped = (): PortolanFailure =>
  fail('storage', 'The history process stopped before it answered. Nothing saved before was lost; try again.', { code: ERROR_CODES.HISTORY_HOST_STOPPED });
const unavailable = (why: string): PortolanFailure => fail('storage', why, { code: ERROR_CODES.HISTORY_UNAVAILABLE });

/** Starts the host and resolves once the history is open there. */
export async function createHostedHistory(options: HostedHistoryOptions): Promise<HistoryStore> {
  const client = new HostedHistoryClient(options);
  await client.started();
  return client;
}

export class HostedHistoryClient implements HistoryStore {
  #state: HostState = { mode: 'normal', notices: [], stats: { snapshots: 0, hostPorts: 0 } };
  #running: Running | null = null;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #failedStarts = 0;
  #closed = false;
  #closing = false;
  #closeDone: Promise<void> | null = null;

  constructor(private readonly options: HostedHistoryOptions) {}

  get notices(): string[] {
    return this.#state.notices;
  }

  get mode(): HistoryStore['mode'] {
    return this.#state.mode;
  }

  stats(): { snapshots: number; hostPorts: number } {
    return { ...this.#state.stats };
  }

  /** Resolves once a host is running with the history open (starting one when none is). */
  started(): Promise<void> {
    if (this.#running?.alive && !this.#closed) return this.#running.ready;
    if (this.#closed || this.#closing) return Promise.reject(unavailable('The history is closed.'));
    if (this.#failedStarts >= (this.options.maxFailedStarts ?? 3)) {
      return Promise.reject(unavailable('The history process does not start, so the saved history cannot be read or written this session.'));
    }
    return this.#start().ready;
  }

  #start(): Running {
    const channel = this.options.spawn();
    let markReady: () => void = () => undefined;
    let markFailed: (err: PortolanFailure) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    ready.catch(() => undefined);
    const running: Running = { channel, ready, alive: true };
    let isReady = false;
    channel.onMessage((m) => {
      if (m.t === 'ready') {
        isReady = true;
        this.#failedStarts = 0;
        this.#state = m.state;
        markReady();
      } else {
        this.#receive(running, m);
      }
    });
    channel.onExit(() => {
      running.alive = false;
      if (this.#running === running) this.#running = null;
      if (!isReady) {
        this.#failedStarts++;
        markFailed(unavailable('The history process stopped while opening the history.'));
      }
      const orphans = [...this.#pending.values()];
      this.#pending.clear();
      for (const p of orphans) {
        void p.reading?.return?.();
        p.reject(isReady ? stopped() : unavailable('The history process stopped while opening the history.'));
      }
    });
    this.#running = running;
    channel.post({ t: 'init', dir: this.options.dir });
    return running;
  }

  #receive(running: Running, m: FromHost): void {
    if (m.t === 'ready') return;
    const p = this.#pending.get(m.id);
    if (!p) return;
    const post = (message: ToHost): void => {
      if (running.alive) running.channel.post(message);
    };
    switch (m.t) {
      case 'done':
        this.#pending.delete(m.id);
        this.#state = m.state;
        void p.reading?.return?.();
        if (m.ok) p.resolve(m.value);
        else p.reject(new PortolanFailure(m.error));
        return;
      case 'out':
        void deliver(p.out, m.data).then((closed) => post({ t: 'ack', id: m.id, closed }));
        return;
      case 'open':
        void p.reading?.return?.();
        p.reading = p.source ? p.source()[Symbol.asyncIterator]() : undefined;
        return;
      case 'pull':
        void pullChunk(p).then((chunk) => post({ t: 'chunk', id: m.id, ...chunk }));
        return;
    }
  }

  async #send<T>(message: (id: number) => ToHost, extra: Omit<Pending, 'resolve' | 'reject'> = {}): Promise<T> {
    await this.started();
    const running = this.#running;
    if (!running?.alive) throw stopped();
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ...extra });
      running.channel.post(message(id));
    });
  }

  #call<T>(method: CallMethod, ...args: unknown[]): Promise<T> {
    const retention = method === 'save' ? this.options.retention?.() : undefined;
    return this.#send<T>((id) => ({ t: 'call', id, method, args, ...(retention ? { retention } : {}) }));
  }

  save(input: SnapshotInput): Promise<SnapshotMetaView> {
    return this.#call('save', input);
  }
  list(query?: HistoryQuery): Promise<HistoryPageView> {
    return this.#call('list', query);
  }
  matchingIds(selection?: HistorySelection): Promise<string[]> {
    return this.#call('matchingIds', selection);
  }
  attachSection(input: ContextAttachInput): Promise<AttachOutcome> {
    return this.#call('attachSection', input);
  }
  snapshots(hostPortId: string): Promise<SnapshotMetaView[]> {
    return this.#call('snapshots', hostPortId);
  }
  get(snapshotId: string): Promise<SnapshotView> {
    return this.#call('get', snapshotId);
  }
  latestFor(ref: LatestRef): Promise<SnapshotView | null> {
    return this.#call('latestFor', ref);
  }
  async setMeta(patch: HistoryMetaInput): Promise<void> {
    await this.#call('setMeta', patch);
  }
  delete(request: DeleteInput): Promise<{ undoToken: string; removed: number }> {
    return this.#call('delete', request);
  }
  undo(undoToken: string): Promise<{ restored: number }> {
    return this.#call('undo', undoToken);
  }
  clear(): Promise<{ removed: number }> {
    return this.#call('clear');
  }
  compare(beforeId: string, afterId: string): Promise<CompareView> {
    return this.#call('compare', beforeId, afterId);
  }
  async searchReady(): Promise<void> {
    await this.#call('searchReady');
  }

  exportTo(out: Writable, format: ExportFormat, hostPortIds?: string[]): Promise<ExportOutcome> {
    return this.#send((id) => ({ t: 'export', id, format, ...(hostPortIds ? { hostPortIds } : {}) }), { out });
  }

  importFrom(open: ImportSource, options: ImportOptions = {}): Promise<ImportReportView> {
    return this.#send((id) => ({ t: 'import', id, allOrNothing: options.allOrNothing === true }), {
      source: open,
      ...(options.onBytes ? { onBytes: options.onBytes } : {}),
    });
  }

  /** Closes the store in the host and waits for the host to end. Idempotent. */
  close(): Promise<void> {
    this.#closeDone ??= this.#close();
    return this.#closeDone;
  }

  async #close(): Promise<void> {
    this.#closing = true;
    const running = this.#running;
    if (running?.alive) {
      const gone = new Promise<void>((resolve) => running.channel.onExit(() => resolve()));
      try {
        await running.ready;
        await this.#call('close');
      } catch {
        // A host that is already gone has nothing left to flush: the files are complete.
      }
      this.#closed = true;
      // The store is closed (or the host is gone): ending the host now cannot cut any write short.
      if (running.alive) {
        running.channel.kill();
        await gone;
      }
    }
    this.#closed = true;
  }
}

/** Writes one export chunk and waits until the destination takes more; true when it is gone. */
async function deliver(out: Writable | undefined, data: string | Uint8Array): Promise<boolean> {
  if (!out || out.destroyed) return true;
  const chunk = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!out.write(chunk)) await whenDrained(out);
  return out.destroyed;
}

async function pullChunk(p: Pending): Promise<Omit<Extract<ToHost, { t: 'chunk' }>, 't' | 'id'>> {
  if (!p.reading) return { readError: 'The import source is not open.' };
  try {
    const next = await p.reading.next();
    if (next.done) return { done: true };
    const data = typeof next.value === 'string' ? next.value : new Uint8Array(next.value);
    p.onBytes?.(typeof next.value === 'string' ? Buffer.byteLength(next.value) : next.value.length);
    return { data };
  } catch (err) {
    return err instanceof PortolanFailure ? { error: err.error } : { readError: err instanceof Error ? err.message : String(err) };
  }
}
