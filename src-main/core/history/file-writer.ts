// An import's snapshot files are created on a worker thread of their own. Creating a file is mostly the
// kernel's work (inode, folder entry, rename), and done here it overlaps the parsing and checking of the next
// records on the store's thread. Node's threadpool would take four round trips per file (open, write, close,
// rename), and its threads spend about as much time waking each other and waiting on folder locks as writing:
// 100,000 snapshots cost twice the system time of writing them in a row on one thread.
//
// Files go to the worker in batches, their bytes transferred rather than copied: file text waiting in this
// thread's heap would outlive a few young-generation collections and be promoted, and 100,000 snapshots of it
// grew the store's heap by over 300 MB. Each write's promise settles when its file is in place or has failed.
// Nothing is sent before the worker says it is listening, so where none can start (its entry is missing, or
// fails to load) every file is still at hand and is written on the calling thread instead: slower, never lost.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createThenRename } from './create-then-rename';
import type { FromWriter, WriteItem } from './file-writer-protocol';

/** Files sent to the worker in one message. */
const BATCH = 32;

export interface WriterEntry {
  entry: string;
  execArgv: string[];
}

/**
 * Run from source (tests, benchmark, web preview: TypeScript under tsx), the worker is the .ts beside this file.
 * The app's build names its own (history-writer.js, electron/history-host.ts); without either, files are written
 * on the calling thread.
 */
export function sourceWriterEntry(): WriterEntry | null {
  const source = join(__dirname, 'file-writer-worker.ts');
  return existsSync(source) ? { entry: source, execArgv: ['--import', 'tsx'] } : null;
}

const ENCODER = new TextEncoder();

interface Queued extends WriteItem {
  resolve: () => void;
  reject: (err: Error) => void;
}

export class FileWriter {
  private worker: Worker | null = null;
  private ready = false;
  /** No worker (none could start, or it stopped): files are written on this thread. */
  private inline: boolean;
  private queue: Queued[] = [];
  /** Batches made before the worker was listening. */
  private unsent: Queued[][] = [];
  private readonly sent = new Map<number, Queued[]>();
  private nextId = 0;
  private flushSoon: NodeJS.Immediate | null = null;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly entry: WriterEntry | null = sourceWriterEntry()) {
    this.inline = entry === null;
  }

  /** Whether files are written by the worker (false once it could not start or has stopped). */
  get threaded(): boolean {
    return !this.inline;
  }

  write(tmp: string, path: string, text: string): Promise<void> {
    if (this.inline) {
      try {
        createThenRename(tmp, path, text);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    const written = new Promise<void>((resolve, reject) => {
      this.queue.push({ tmp, path, data: ENCODER.encode(text), resolve, reject });
      if (this.queue.length >= BATCH) this.send();
      else this.flushSoon ??= setImmediate(() => this.send());
    });
    this.pending.add(written);
    const settled = (): void => void this.pending.delete(written);
    written.then(settled, settled);
    return written;
  }

  /** Waits for every write asked for, then stops the worker. */
  async close(): Promise<void> {
    this.send();
    await Promise.allSettled([...this.pending]);
    const worker = this.worker;
    this.worker = null;
    this.inline = true;
    await worker?.terminate();
  }

  private send(): void {
    if (this.flushSoon) clearImmediate(this.flushSoon);
    this.flushSoon = null;
    if (this.queue.length === 0) return;
    const items = this.queue;
    this.queue = [];
    if (this.inline) return this.writeHere(items);
    if (!this.worker) this.start();
    this.unsent.push(items);
    this.post();
  }

  private post(): void {
    const worker = this.worker;
    if (!this.ready || !worker) return;
    for (const items of this.unsent) {
      const id = ++this.nextId;
      this.sent.set(id, items);
      worker.ref();
      const batch = items.map(({ tmp, path, data }) => ({ tmp, path, data }));
      worker.postMessage({ id, items: batch }, batch.map((i) => i.data.buffer as ArrayBuffer));
    }
    this.unsent = [];
  }

  private start(): void {
    const { entry, execArgv } = this.entry!;
    const worker = new Worker(entry, { execArgv });
    worker.on('message', (m: FromWriter) => this.answer(m));
    worker.on('error', (err) => this.stopped(err));
    worker.on('exit', (code) => this.stopped(new Error(`The file writer stopped (exit code ${code}).`)));
    this.worker = worker;
  }

  private answer(m: FromWriter): void {
    if (m.t === 'ready') {
      this.ready = true;
      return this.post();
    }
    const items = this.sent.get(m.id) ?? [];
    this.sent.delete(m.id);
    const failed = new Map(m.failures.map((f) => [f.index, f]));
    items.forEach((q, i) => {
      const f = failed.get(i);
      if (f) q.reject(Object.assign(new Error(f.message), { code: f.code ?? undefined }));
      else q.resolve();
    });
    if (this.sent.size === 0) this.worker?.unref();
  }

  /**
   * What was never sent is written here, as is everything later. What the worker held, it may have written in
   * any part: those writes fail (an import stops there and lists only the whole batches before).
   */
  private stopped(err: Error): void {
    if (this.inline) return;
    this.inline = true;
    this.worker = null;
    const held = [...this.sent.values()].flat();
    this.sent.clear();
    for (const q of held) q.reject(err);
    const unsent = this.unsent.flat();
    this.unsent = [];
    this.writeHere(unsent);
    this.send();
  }

  private writeHere(items: Queued[]): void {
    for (const q of items) {
      try {
        createThenRename(q.tmp, q.path, q.data);
        q.resolve();
      } catch (err) {
        q.reject(err as Error);
      }
    }
  }
}
