// Deleted snapshots stay restorable for a while: their files wait in the trash folder and the ledger keeps what
// the list needs to take them back. Undo tokens live only as long as the session; the next open empties the trash.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../ports';
import { maybeCompact } from './compaction';
import { saveMeta } from './meta-file';
import { EMPTY_META, type HostPortMeta } from './memory-index';
import { encodeRec, searchTerms, type SnapRec } from './records';
import type { SnapshotFiles } from './snapshot-files';
import type { HistoryState } from './state';

/** Deleted snapshots stay restorable this long, and only the most recent deletions. */
export const UNDO_TTL_MS = 30 * 60 * 1000;
export const UNDO_KEEP = 20;

export interface UndoEntry {
  recs: SnapRec[];
  terms: Map<string, string[]>;
  meta: { hostPortId: string; meta: HostPortMeta } | null;
  at: number;
}

export class UndoLedger {
  private readonly entries = new Map<string, UndoEntry>();

  constructor(
    private readonly clock: Clock,
    private readonly files: SnapshotFiles,
  ) {}

  /** Remembers one deletion and returns its token; the oldest and expired deletions become final. */
  record(entry: Omit<UndoEntry, 'at'>): string {
    const token = `u-${randomBytes(12).toString('base64url')}`;
    this.entries.set(token, { ...entry, at: this.clock.now() });
    this.expire();
    return token;
  }

  /** The deletion behind `token`, handed over once; undefined when it expired or never existed. */
  take(token: string): UndoEntry | undefined {
    this.expire();
    const entry = this.entries.get(token);
    if (entry) this.entries.delete(token);
    return entry;
  }

  /** Whether a snapshot id is waiting in the trash for a possible undo. */
  holds(id: string): boolean {
    for (const entry of this.entries.values()) if (entry.recs.some((r) => r.id === id)) return true;
    return false;
  }

  /** Makes every pending deletion final (at close). */
  discardAll(): void {
    for (const entry of this.entries.values()) for (const r of entry.recs) this.files.dropFromTrash(r.id);
    this.entries.clear();
  }

  /** Forgets every pending deletion whose files are gone already (a clear moved the whole folder). */
  forget(): void {
    this.entries.clear();
  }

  private expire(): void {
    const now = this.clock.now();
    const tokens = [...this.entries.keys()];
    tokens.forEach((token, i) => {
      const entry = this.entries.get(token)!;
      if (now - entry.at > UNDO_TTL_MS || i < tokens.length - UNDO_KEEP) {
        this.entries.delete(token);
        for (const r of entry.recs) this.files.dropFromTrash(r.id);
      }
    });
  }
}

/**
 * Deletes `recs` so they can come back: the journal line first (the record of the user's decision), then each
 * file moves to the trash. A whole hostPort's notes, tags and pin go with it and come back with the undo.
 */
export function deleteWithUndo(state: HistoryState, ledger: UndoLedger, recs: SnapRec[], meta: UndoEntry['meta']): string {
  state.journal.append([{ g: state.generation, t: 'del', ids: recs.map((r) => r.id) }]);
  const terms = new Map<string, string[]>();
  for (const r of recs) {
    const t = state.mem.terms.get(r.id);
    if (t) terms.set(r.id, t);
    state.mem.remove(r.id);
    state.files.toTrash(r.id, r.hostPortId);
  }
  if (meta && meta.meta !== EMPTY_META) {
    state.mem.setMeta(meta.hostPortId, EMPTY_META);
    saveMeta(state);
  }
  const token = ledger.record({ recs, terms, meta });
  maybeCompact(state);
  return token;
}

/** Brings a deletion back; returns how many snapshots were restored (those still in the trash). */
export function restore(state: HistoryState, entry: UndoEntry): number {
  const back = entry.recs.filter((r) => state.files.fromTrash(r.id, r.hostPortId));
  // Journal records carry the search text so the restore survives a later compaction and restart.
  const termsOf = (r: SnapRec): string[] => {
    const known = entry.terms.get(r.id);
    if (known) return known;
    const got = state.files.read(r.id, r.hostPortId);
    return got.ok ? searchTerms(got.snapshot) : [];
  };
  const lines = back.map((r) => ({ g: state.generation, t: 'add' as const, r: encodeRec(r), s: termsOf(r) }));
  state.journal.append(lines);
  back.forEach((r, i) => state.mem.add(r, lines[i]!.s));
  if (entry.meta && state.mem.meta.get(entry.meta.hostPortId) === undefined) {
    state.mem.setMeta(entry.meta.hostPortId, entry.meta.meta);
    saveMeta(state);
  }
  maybeCompact(state);
  return back.length;
}
