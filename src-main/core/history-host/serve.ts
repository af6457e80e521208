// The host side: opens the real history store in this process (a worker thread or Electron's utility process)
// and answers the caller's messages. The store keeps its synchronous file access; it is this process that waits
// on the disk, never the one serving the window.
import { Writable } from 'node:stream';
import { fail, PortolanFailure, toPortolanError } from '../failure';
import type { WriterEntry } from '../history/file-writer';
import { createHistoryStore } from '../history/store';
import type { HistoryStore, RetentionPolicy } from '../history/types';
import type { KvStoreFactory } from '../ports';
import type { FromHost, HostSide, HostState, ToHost } from './protocol';

type ChunkMessage = Extract<ToHost, { t: 'chunk' }>;

/** `writer`: where the import's file-writer thread starts from (the app's build names its own file; see file-writer.ts). */
export function serveHistory(side: HostSide, kv: KvStoreFactory, writer?: WriterEntry): void {
  let retention: RetentionPolicy = { perHostPort: null, days: null };
  let store: Promise<HistoryStore> | null = null;
  const acks = new Map<number, (closed: boolean) => void>();
  const chunks = new Map<number, (message: ChunkMessage) => void>();

  const state = (s: HistoryStore): HostState => ({ mode: s.mode, notices: [...s.notices], stats: s.stats() });
  const opened = (): Promise<HistoryStore> => store ?? Promise.reject(fail('internal', 'The history host was not initialised.'));

  const answer = async (id: number, work: (s: HistoryStore) => Promise<unknown>, after?: () => void): Promise<void> => {
    let s: HistoryStore;
    try {
      s = await opened();
    } catch (err) {
      side.post({ t: 'done', id, ok: false, error: toPortolanError(err), state: { mode: 'sessionOnly', notices: [], stats: { snapshots: 0, hostPorts: 0 } } });
      return;
    }
    let reply: FromHost;
    try {
      const value = await work(s);
      reply = { t: 'done', id, ok: true, value: value === undefined ? null : value, state: state(s) };
    } catch (err) {
      reply = { t: 'done', id, ok: false, error: toPortolanError(err), state: state(s) };
    }
    side.post(reply);
    after?.();
  };

  /** The caller's destination, one acknowledged chunk at a time, so an export never piles up in memory here. */
  const destination = (id: number): Writable =>
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _encoding, done) {
        acks.set(id, (closed) => done(closed ? new Error('The export destination was closed.') : undefined));
        side.post({ t: 'out', id, data: typeof chunk === 'string' ? chunk : new Uint8Array(chunk) });
      },
    });

  /** One pass over the caller's import source: opened afresh there, then pulled chunk by chunk. */
  async function* source(id: number): AsyncGenerator<Buffer | string> {
    side.post({ t: 'open', id });
    for (;;) {
      const next = new Promise<ChunkMessage>((resolve) => chunks.set(id, resolve));
      side.post({ t: 'pull', id });
      const m = await next;
      if (m.error) throw new PortolanFailure(m.error);
      if (m.readError !== undefined) throw new Error(m.readError);
      if (m.done || m.data === undefined) return;
      yield typeof m.data === 'string' ? m.data : Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
    }
  }

  side.onMessage((m) => {
    switch (m.t) {
      case 'init':
        store = createHistoryStore({ dir: m.dir, kv, retention: () => retention, writer });
        void store.then((s) => side.post({ t: 'ready', state: state(s) }));
        return;
      case 'call':
        if (m.retention) retention = m.retention;
        void answer(
          m.id,
          (s) => (s[m.method] as (...args: unknown[]) => Promise<unknown>).apply(s, m.args),
          m.method === 'close' ? () => side.exit() : undefined,
        );
        return;
      case 'export':
        void answer(m.id, async (s) => {
          const out = destination(m.id);
          try {
            return await s.exportTo(out, m.format, m.hostPortIds);
          } finally {
            acks.delete(m.id);
          }
        });
        return;
      case 'import':
        void answer(m.id, async (s) => {
          try {
            return await s.importFrom(() => source(m.id), { allOrNothing: m.allOrNothing });
          } finally {
            chunks.delete(m.id);
          }
        });
        return;
      case 'ack':
        acks.get(m.id)?.(m.closed === true);
        return;
      case 'chunk':
        chunks.get(m.id)?.(m);
        return;
    }
  });
}
