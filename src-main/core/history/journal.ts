// The append-only journal of index changes since the last compaction. A save writes one line (flushed to the disk
// just after: deferred-sync.ts), which costs a small constant no matter how large the history is. Each line names the index generation it
// extends, so lines written before a compaction are ignored once the compacted index is in place.
import { chmodSync, closeSync, copyFileSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { fsyncDir } from '../fs/atomic-file';
import { dirname } from 'node:path';
import type { RecTuple } from './records';

export type JournalRecord =
  | { g: number; t: 'add'; r: RecTuple; s: string[] }
  | { g: number; t: 'del'; ids: string[] }
  /** The user cleared the history: everything recorded before this line is deleted. */
  | { g: number; t: 'clear' }
  /** Written by close(): its absence at the end means the last session stopped abruptly. */
  | { g: number; t: 'close' };

export interface JournalReadResult {
  records: JournalRecord[];
  /** Lines that did not parse, other than an unfinished last line. */
  damagedLines: number;
  /** True when the file ended in the middle of a line (a crash during an append): that tail was cut off. */
  tornTail: boolean;
  /** False when there was no journal file at all. */
  existed: boolean;
}

export class Journal {
  private fd: number;
  private count = 0;
  private bytes = 0;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /**
   * Opens (creating) the journal, cutting off an unfinished last line so the next append starts clean. When lines
   * are damaged, the file is first copied to `asidePath()` as it was (the returned `copiedTo`), so nothing is lost.
   */
  static open(path: string, asidePath: () => string): { journal: Journal; read: JournalReadResult & { copiedTo: string | null } } {
    const { text, read } = readJournal(path);
    let copiedTo: string | null = null;
    if (read.damagedLines > 0) {
      copiedTo = asidePath();
      copyFileSync(path, copiedTo);
      chmodSync(copiedTo, 0o600);
    }
    // Owner-only: the journal names every host the analyst looked up.
    const fd = openSync(path, 'a+', 0o600);
    if (read.tornTail) {
      const keep = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1), 'utf8');
      ftruncateSync(fd, keep);
      fdatasyncSync(fd);
    }
    const journal = new Journal(path, fd);
    journal.count = read.records.length;
    journal.bytes = fstatSync(fd).size;
    return { journal, read: { ...read, copiedTo } };
  }

  get records(): number {
    return this.count;
  }

  /**
   * Called before the journal is flushed, with what must reach the disk ahead of its lines (the files of saves
   * whose own flush is still to come: see deferred-sync.ts).
   */
  beforeSync: () => void = () => undefined;

  /** Resolves durability for the caller: when this returns, the lines (and every line before them) are on disk. */
  append(records: JournalRecord[]): void {
    if (records.length === 0) return;
    this.write(records);
    this.beforeSync();
    fdatasyncSync(this.fd);
  }

  /** Writes the lines without waiting for the disk: a crash of the process keeps them, a power cut may not. */
  write(records: JournalRecord[]): void {
    if (records.length === 0) return;
    const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const buf = Buffer.from(text, 'utf8');
    writeSync(this.fd, buf);
    this.count += records.length;
    this.bytes += buf.length;
  }

  /** Where the journal ends now; keepFrom() later keeps only what was appended after it. */
  mark(): { bytes: number; count: number } {
    return { bytes: this.bytes, count: this.count };
  }

  /**
   * Replaces the journal with the lines appended since `mark` (a compaction folded everything before it into the
   * index). Written to a temp file and renamed over the journal, so a crash leaves the old journal or the new one.
   */
  keepFrom(mark: { bytes: number; count: number }): void {
    this.beforeSync();
    const tail = Buffer.alloc(this.bytes - mark.bytes);
    let at = 0;
    while (at < tail.length) {
      const n = readSync(this.fd, tail, at, tail.length - at, mark.bytes + at);
      if (n === 0) break;
      at += n;
    }
    const tmp = `${this.path}.compact.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, tail, 0, at);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    fsyncDir(dirname(this.path));
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a+', 0o600);
    this.count -= mark.count;
    this.bytes = at;
  }

  /** Empties the journal after its records were folded into a new index generation. */
  reset(): void {
    this.beforeSync();
    ftruncateSync(this.fd, 0);
    fdatasyncSync(this.fd);
    this.count = 0;
    this.bytes = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Reads without changing anything (the read-only open of a newer store uses this alone). */
export function readJournal(path: string): { text: string; read: JournalReadResult } {
  let text = '';
  let existed = true;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
    existed = false;
  }
  return { text, read: { ...parseJournal(text), existed } };
}

export function parseJournal(text: string): Omit<JournalReadResult, 'existed'> {
  const records: JournalRecord[] = [];
  let damagedLines = 0;
  const lines = text.split('\n');
  // Text after the last newline is an append that never finished. Every append starts with the same bytes, so a
  // tail that does not is damage (a file overwritten with something else), not an interrupted append.
  const tail = lines.pop() ?? '';
  const tornTail = tail.length > 0;
  if (tornTail && !'{"g":'.startsWith(tail.slice(0, 5))) damagedLines++;
  for (const line of lines) {
    if (line.length === 0) continue;
    try {
      const rec = JSON.parse(line) as JournalRecord;
      if (isRecord(rec)) records.push(rec);
      else damagedLines++;
    } catch {
      damagedLines++;
    }
  }
  return { records, damagedLines, tornTail };
}

function isRecord(r: unknown): r is JournalRecord {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  if (typeof o.g !== 'number') return false;
  if (o.t === 'add') return Array.isArray(o.r) && Array.isArray(o.s);
  if (o.t === 'del') return Array.isArray(o.ids);
  return o.t === 'close' || o.t === 'clear';
}
