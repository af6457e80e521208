// What every part of the history store works on: the in-memory index, the snapshot files, the journal and the
// conf stores beside it. The store's methods and its open, compaction and housekeeping steps share this one object.
import { systemClock, type Clock, type KvStore } from '../ports';
import { DeferredSync } from './deferred-sync';
import type { Journal } from './journal';
import { peekKv } from './kv-files';
import { INDEX_NAME, META_NAME, SCHEMA_VERSION, SEARCH_NAME } from './layout';
import { MemoryIndex } from './memory-index';
import { SnapshotFiles } from './snapshot-files';
import type { HistoryStore, HistoryStoreOptions } from './types';

export class HistoryState {
  readonly notices: string[] = [];
  readonly mode: HistoryStore['mode'];
  readonly mem = new MemoryIndex();
  readonly clock: Clock;
  readonly files: SnapshotFiles;
  readonly dir: string;
  readonly journalMax: number;
  /** The index generation: journal lines of any other generation were folded into the index already. */
  generation = 0;
  journal!: Journal;
  /** Saves written but not yet flushed to the disk; the journal flushes them before its own lines. */
  readonly deferred: DeferredSync;
  indexKv!: KvStore;
  metaKv!: KvStore;
  searchLoaded = false;
  closed = false;
  /** Advanced by every compaction; a background compaction whose epoch is no longer current gives up. */
  compactionEpoch = 0;
  /** Snapshot files an import has written whose journal line is still to come: not orphans of a crash. */
  readonly importing = new Set<string>();
  /** Set by the housekeeping: runs a compaction soon, off the path of the call that asked. */
  scheduleCompaction: () => void = () => undefined;

  constructor(
    readonly opts: HistoryStoreOptions,
    mode: 'normal' | 'sessionOnly',
  ) {
    this.dir = opts.dir;
    this.clock = opts.clock ?? systemClock;
    // A history written by a newer Portolan is only read: its files are checked before anything is touched.
    this.mode = mode === 'normal' && newerSchema(opts.dir) !== null ? 'readOnly' : mode;
    this.files = new SnapshotFiles(opts.dir, opts.kv, this.clock, this.mode === 'readOnly', opts.writer);
    this.journalMax = opts.tuning?.journalMaxRecords ?? 2000;
    this.deferred = new DeferredSync(
      () => this.journal.path,
      (err) => this.notice(`Flushing saved snapshots to the disk failed and will be retried: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  notice(text: string): void {
    this.notices.push(text);
  }

  isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** The schema version a newer Portolan wrote into the index, search or notes file, or null when none is newer. */
export function newerSchema(dir: string): number | null {
  for (const name of [INDEX_NAME, SEARCH_NAME, META_NAME]) {
    const v = peekKv(dir, name)?.schemaVersion;
    if (typeof v === 'number' && v > SCHEMA_VERSION) return v;
  }
  return null;
}
