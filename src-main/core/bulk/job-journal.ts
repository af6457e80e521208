// A job's journal: one JSON object per line, appended and fsync'd before the outcome counts, so a job survives
// closing the app, a crash or a power cut. The job's definition (name, targets) is written once, atomically,
// beside it. Replay takes the last word per target; a torn last line (a crash mid-write) is cut off on open.
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { BulkTarget } from '../../../src-shared/bulk-targets';
import type { BulkHitView } from '../../../src-shared/bulk-views';
import type { PortolanError } from '../../../src-shared/views';


export type JournalEntry =
  | { t: 'outcome'; key: string; status: 'found'; hits: BulkHitView[]; at: number }
  | { t: 'outcome'; key: string; status: 'notFound' | 'failed'; error: PortolanError; at: number }
  /** These targets are to be looked up again (re-run of the failed ones). */
  | { t: 'rerun'; keys: string[]; at: number }
  | { t: 'state'; state: 'running' | 'paused' | 'cancelled'; at: number };

export interface JobDefinition {
  id: string;
  name: string;
  createdAt: number;
  targets: BulkTarget[];
}

export interface Replayed {
  definition: JobDefinition;
  outcomes: Map<string, Extract<JournalEntry, { t: 'outcome' }>>;
  state: 'running' | 'paused' | 'cancelled';
  /** Lines that could not be read (only the torn tail is expected). */
  skipped: number;
}

const DEFINITION = 'job.json';
const JOURNAL = 'journal.jsonl';

export async function writeDefinition(dir: string, def: JobDefinition): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `${DEFINITION}.tmp`);
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(JSON.stringify(def));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, DEFINITION));
  await syncDir(dir);
}

export async function replayJob(dir: string): Promise<Replayed> {
  const definition = JSON.parse(await readFile(join(dir, DEFINITION), 'utf8')) as JobDefinition;
  let text = '';
  try {
    text = await readFile(join(dir, JOURNAL), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const outcomes: Replayed['outcomes'] = new Map();
  let state: Replayed['state'] = 'running';
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let e: JournalEntry;
    try {
      e = JSON.parse(line) as JournalEntry;
    } catch {
      skipped++;
      continue;
    }
    if (e.t === 'outcome') outcomes.set(e.key, e);
    else if (e.t === 'rerun') for (const k of e.keys) outcomes.delete(k);
    else if (e.t === 'state') state = e.state;
  }
  return { definition, outcomes, state, skipped };
}

/** Appends entries one at a time, each durable (fsync'd) before its promise resolves. */
export class JournalWriter {
  #fh: FileHandle | null = null;
  #chain: Promise<void> = Promise.resolve();
  readonly #file: string;

  constructor(dir: string) {
    this.#file = join(dir, JOURNAL);
  }

  async open(): Promise<void> {
    const fh = await open(this.#file, 'a+', 0o600);
    // A crash mid-append leaves a line without its newline: cut it, or the next entry would be glued to it.
    const { size } = await fh.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) {
        const all = await readFile(this.#file);
        await fh.truncate(all.lastIndexOf(0x0a) + 1);
        await fh.sync();
      }
    }
    this.#fh = fh;
  }

  append(entry: JournalEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const next = this.#chain.then(async () => {
      if (!this.#fh) throw new Error('journal closed');
      await this.#fh.appendFile(line);
      await this.#fh.datasync();
    });
    this.#chain = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.#chain;
    await this.#fh?.close();
    this.#fh = null;
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
  }
}
