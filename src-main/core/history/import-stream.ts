// Import read as a stream: an NDJSON export record by record, or an older JSON export. Each record is checked on
// its own; a malformed one is refused with its line number and the rest still imports, unless the caller asked
// for all or nothing (then a first pass checks everything and nothing is written when anything is refused).
import { StringDecoder } from 'node:string_decoder';
import type { ImportProblemView, ImportReportView } from '../../../src-shared/views';
import { fail, PortolanFailure } from '../failure';
import { maybeCompact } from './compaction';
import { EXPORT_FORMAT, EXPORT_VERSION, metaSchema, NDJSON_VERSION } from './export-format';
import { readLegacy, type LegacySink } from './import-legacy';
import { linesOf, MAX_LINE_CHARS, type Line } from './import-lines';
import { checkedSnapshot, innerSnapshotText, parseLine, type ParsedLine } from './import-parse';
import { JsonScanError } from './json-scanner';
import type { JournalRecord } from './journal';
import type { HostPortMeta } from './memory-index';
import { normaliseTags, saveMeta } from './meta-file';
import { encodeRec, type SnapRec } from './records';
import { loadSearch } from './search-text';
import type { HistoryState } from './state';
import { asStorageFailure } from './storage-failure';
import { WriteWindow } from './write-window';
import { snapshotFileTextAround } from './stored-snapshot';
import { isObject, parseJsonOrUndefined } from './json-value';

export interface ImportOptions {
  allOrNothing?: boolean;
  /** Called with the bytes of each chunk read (both passes of an all-or-nothing import). */
  onBytes?: (bytes: number) => void;
}

/** Opens the import file from its start; called twice for an all-or-nothing import. */
export type ImportSource = () => AsyncIterable<Buffer | string>;

/** Only the first problems are listed; the count covers all of them. */
const MAX_PROBLEMS = 100;
/** Journal lines written (one fsync) per batch. */
const BATCH = 1000;
/**
 * Snapshot files handed to the writer thread and not yet in place: parsing runs this far ahead of the disk
 * (about a megabyte of file text), and the writer always has a batch to go on with.
 */
const WRITES_IN_FLIGHT = 256;
/**
 * Records parsed in one go before they are taken in order: a loop of parsing, then one of writing, cost about a
 * fifth less of this thread than interleaving the two record by record (100,000 snapshots into memory-backed
 * files: 12.8 s against 16.1 s, two runs each).
 */
const PARSE_BATCH = 128;

type Meta = HostPortMeta & { hostPortId: string };
/** `written` once its file is in place. */
type Pending = { line: JournalRecord; rec: SnapRec; terms: string[]; written: boolean };
type ParsedSnapshot = Extract<ParsedLine, { t: 'snapshot' }>;

export async function importStream(state: HistoryState, open: ImportSource, opts: ImportOptions = {}): Promise<ImportReportView> {
  loadSearch(state);
  if (opts.allOrNothing) {
    const check = new ImportPass(state, true);
    try {
      await readInto(check, open(), opts.onBytes);
    } catch (err) {
      throw err instanceof JsonScanError ? scanFailure(err, 0) : err;
    }
    if (check.refused > 0) return { ...check.report(), added: 0, skipped: 0, aborted: true };
  }
  const pass = new ImportPass(state, false);
  let failed: unknown = null;
  try {
    await readInto(pass, open(), opts.onBytes);
  } catch (err) {
    failed = err;
  }
  // What was read before a failure stays imported: each of those records is whole.
  try {
    await pass.finish();
  } catch (err) {
    throw asStorageFailure(err, 'Could not import the history');
  }
  if (failed instanceof JsonScanError) throw scanFailure(failed, pass.added);
  if (failed) throw failed instanceof PortolanFailure ? failed : asStorageFailure(failed, 'Could not import the history');
  return pass.report();
}

/** An NDJSON header line is short; a first line longer than this belongs to a JSON document. */
const HEAD_PEEK_CHARS = 1 << 20;

async function readInto(pass: ImportPass, input: AsyncIterable<Buffer | string>, onBytes?: (bytes: number) => void): Promise<void> {
  const chunks = decoded(input, onBytes);
  // Enough of the start to tell NDJSON (a header line) from the older JSON document, then read from the start.
  let prefix = '';
  for (let next = await chunks.next(); ; next = await chunks.next()) {
    if (next.done) break;
    prefix += next.value;
    if (prefix.includes('\n') || prefix.length >= HEAD_PEEK_CHARS) break;
  }
  if (prefix.replace(/^\ufeff/, '').trim() === '') throw notExport('the file is empty');
  const replay = withPrefix(prefix, chunks);
  const nl = prefix.indexOf('\n');
  const head = nl >= 0 || prefix.length < HEAD_PEEK_CHARS ? parseJsonOrUndefined((nl >= 0 ? prefix.slice(0, nl) : prefix).replace(/^\ufeff/, '')) : undefined;
  if (isObject(head) && head.format === EXPORT_FORMAT && !('hostPorts' in head)) {
    checkVersion(head.version);
    if (head.version !== NDJSON_VERSION) throw notExport(`unknown format version ${String(head.version)}`);
    const lines = linesOf({ [Symbol.asyncIterator]: () => replay });
    await lines.next(); // the header
    await pass.records(lines);
    return;
  }
  // An older JSON export: one document, read as a stream record by record.
  const checkHeader = (header: Record<string, unknown>): void => {
    if (header.format !== EXPORT_FORMAT) throw notExport(`expected "format": "${EXPORT_FORMAT}"`);
    checkVersion(header.version);
    if (header.version !== EXPORT_VERSION) throw notExport(`unknown format version ${String(header.version)}`);
  };
  await readLegacy(replay, pass, checkHeader, MAX_LINE_CHARS);
}

/** The input as text, counting its bytes as they are read. */
async function* decoded(input: AsyncIterable<Buffer | string>, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    onBytes?.(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const last = decoder.end();
  if (last) yield last;
}

async function* withPrefix(prefix: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield prefix;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Damage to a JSON export's structure, as the analyst reads it; what was read before it is reported by the caller. */
function scanFailure(err: JsonScanError, added: number): PortolanFailure {
  const kept = added > 0 ? `The ${added} snapshot(s) read before that point were imported.` : 'Nothing was imported.';
  return fail('invalidInput', `This file is not a Portolan history export: it is not valid JSON (${err.message}). ${kept}`);
}

class ImportPass implements LegacySink {
  added = 0;
  skipped = 0;
  refused = 0;
  private readonly problems: ImportProblemView[] = [];
  private readonly metas: Meta[] = [];
  private readonly seen = new Set<string>();
  private pending: Pending[] = [];
  /** The batch being made durable while the next one is written. */
  private recording: Promise<void> = Promise.resolve();
  private readonly writes = new WriteWindow(WRITES_IN_FLIGHT);

  constructor(
    private readonly state: HistoryState,
    /** Checks only: nothing is written. */
    private readonly dryRun: boolean,
  ) {}

  refuse(line: number | null, where: string, message: string): void {
    this.refused++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line, where, message });
  }

  /** NDJSON records, parsed a batch at a time and taken in file order. */
  async records(lines: AsyncIterable<Line>): Promise<void> {
    let texts: (string | null)[] = [];
    let ns: number[] = [];
    const takeBatch = async (): Promise<void> => {
      const parsed = texts.map((t) => parseLine(t, !this.dryRun));
      const [batchTexts, batchNs] = [texts, ns];
      texts = [];
      ns = [];
      for (let i = 0; i < parsed.length; i++) await this.take(parsed[i]!, batchNs[i]!, batchTexts[i]!);
    };
    for await (const line of lines) {
      if (!line.tooLong && line.text.trim() === '') continue;
      texts.push(line.tooLong ? null : line.text);
      ns.push(line.n);
      if (texts.length >= PARSE_BATCH) await takeBatch();
    }
    await takeBatch();
  }

  /** One parsed record; `text` is its line, of which a snapshot spelled as the exporter spells it becomes the file. */
  private async take(p: ParsedLine, n: number, text: string | null): Promise<void> {
    switch (p.t) {
      case 'refuse':
        return this.refuse(n, p.where, p.message);
      case 'meta':
        return this.meta(p.value, n, 'meta');
      case 'valid':
        return;
      case 'snapshot':
        return this.add(p, p.asIs && text !== null ? (innerSnapshotText(text) ?? undefined) : undefined);
    }
  }

  /** A snapshot of an older JSON export, inside the entry of `owner` (null: a top-level one). */
  async snapshot(value: unknown, line: number | null, where: string, owner: string | null): Promise<void> {
    const p = checkedSnapshot(value, where, false, !this.dryRun);
    if (p.t === 'refuse') return this.refuse(line, p.where, p.message);
    const hostPortId = p.t === 'snapshot' ? p.rec.hostPortId : p.t === 'valid' ? p.hostPortId : null;
    if (owner !== null && hostPortId !== owner) return this.refuse(line, where, 'the snapshot belongs to another host port than its entry');
    if (p.t === 'snapshot') return this.add(p);
  }

  /** `inner` is the JSON text of the snapshot, which becomes its file as is; otherwise the parser wrote the file. */
  private async add(p: ParsedSnapshot, inner?: string): Promise<void> {
    if (this.dryRun) return;
    const { rec, terms } = p;
    const { mem } = this.state;
    if (mem.snaps.has(rec.id) || mem.hasHash(rec.hash) || this.seen.has(rec.id) || this.seen.has(rec.hash)) {
      this.skipped++;
      return;
    }
    this.seen.add(rec.id);
    this.seen.add(rec.hash);
    const text = inner !== undefined ? snapshotFileTextAround(inner) : p.text;
    if (text === undefined) throw fail('internal', 'An imported snapshot came without its file text.');
    // Marked before its file appears, so an orphan sweep never takes it. A file that cannot be written ends the
    // import at the next record; the whole batches before it are listed by finish().
    this.state.importing.add(rec.id);
    const entry: Pending = { line: { g: this.state.generation, t: 'add', r: encodeRec(rec), s: terms }, rec, terms, written: false };
    this.pending.push(entry);
    await this.writes.add(async () => {
      await this.state.files.writeUnsynced(rec.id, rec.hostPortId, text);
      entry.written = true;
    });
    if (this.pending.length >= BATCH) await this.flush();
  }

  meta(value: unknown, line: number | null, where: string): void {
    if (value === undefined && line === null) return;
    const checked = metaSchema.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return this.refuse(line, where, `${issue?.path.join('.') || 'meta'}: ${issue?.message ?? 'invalid'}`);
    }
    if (!this.dryRun) this.metas.push(checked.data);
  }

  /**
   * The batch's files were written without an fsync; their folders are synced (several at once), then one journal
   * append (one fsync) makes the whole batch visible. The next batch's files are written while those folders sync:
   * batches are recorded in order, at most one in flight, and a failure ends the import at the next flush.
   */
  private async flush(): Promise<void> {
    const all = this.pending;
    this.pending = [];
    await this.writes.drain();
    // A file that could not be written left nothing behind (its temp file is removed); the rest are listed.
    const batch = all.filter((p) => p.written);
    this.unmark(all.filter((p) => !p.written));
    if (batch.length === 0) return;
    await this.recording;
    const recorded = this.state.files
      .syncDirs()
      .then(() => this.recordBatch(batch))
      .finally(() => this.unmark(batch));
    // Awaited by the next flush or by finish(); marked handled now so a failure waits for that to be reported.
    recorded.catch(() => undefined);
    this.recording = recorded;
  }

  private recordBatch(batch: Pending[]): void {
    // The generation may have moved on while the folders were synced (a background compaction started).
    this.state.journal.append(batch.map(({ line }) => ({ ...line, g: this.state.generation })));
    for (const { rec, terms } of batch) this.state.mem.add(rec, terms);
    this.added += batch.length;
  }

  /** Files of a batch that is listed now, or never will be by this import (an orphan sweep may take them then). */
  private unmark(batch: Pending[]): void {
    for (const { rec } of batch) this.state.importing.delete(rec.id);
  }

  async finish(): Promise<void> {
    if (this.dryRun) return;
    try {
      await this.flush();
      await this.recording;
      if (this.writes.failure) throw this.writes.failure.err;
    } finally {
      this.unmark(this.pending);
      this.applyMeta();
      maybeCompact(this.state);
    }
  }

  private applyMeta(): void {
    const { mem } = this.state;
    let changed = false;
    for (const meta of this.metas) {
      if (!mem.hostPorts.has(meta.hostPortId)) continue;
      const cur = mem.getMeta(meta.hostPortId);
      const merged: HostPortMeta = { note: cur.note || meta.note, tags: normaliseTags([...cur.tags, ...meta.tags]), pinned: cur.pinned || meta.pinned };
      if (merged.note !== cur.note || merged.pinned !== cur.pinned || merged.tags.length !== cur.tags.length) {
        mem.setMeta(meta.hostPortId, merged);
        changed = true;
      }
    }
    if (changed) saveMeta(this.state);
  }

  report(): ImportReportView {
    return { added: this.added, skipped: this.skipped, refused: this.refused, problems: [...this.problems] };
  }
}

function notExport(why: string): Error {
  return fail('invalidInput', `This file is not a Portolan history export (${why}). Nothing was imported.`);
}

function checkVersion(version: unknown): void {
  if (typeof version === 'number' && version > NDJSON_VERSION) {
    throw fail(
      'invalidInput',
      `This export was made by a newer Portolan (format version ${version}); this version reads up to ${NDJSON_VERSION}. Update Portolan to import it. Nothing was imported.`,
    );
  }
}
