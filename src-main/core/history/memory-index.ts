// The in-memory index: every snapshot's record grouped by hostPort, the hostPort notes/tags/pins, and the search
// text. Listing, filtering and searching never touch the disk.
import type { HostPortSummaryView } from '../../../src-shared/views';
import { comparatorFor, isDefaultOrder } from './list-order';
import type { ListOrder } from './query';
import type { SnapRec } from './records';

export interface HostPortMeta {
  note: string;
  tags: string[];
  pinned: boolean;
}

export interface HostPortEntry {
  id: string;
  /** Newest first. */
  snaps: SnapRec[];
  /** Lower-cased text a search runs over; rebuilt lazily after a change. */
  haystack: string | null;
}

export interface ListFilter {
  /** Lower-cased terms that must all occur. */
  terms: string[];
  hostPortId?: string;
  status?: string;
  protocol?: string;
  port?: number;
  tag?: string;
  fromMs?: number;
  toMs?: number;
}

export const EMPTY_META: HostPortMeta = Object.freeze({ note: '', tags: [], pinned: false }) as HostPortMeta;

export class MemoryIndex {
  readonly snaps = new Map<string, SnapRec>();
  readonly hostPorts = new Map<string, HostPortEntry>();
  readonly meta = new Map<string, HostPortMeta>();
  /** Content hash → id, for import de-duplication; built on the first import, not at open. */
  private byHash: Map<string, string> | null = null;
  /** Search text per snapshot id. Strings are interned: successive snapshots of a hostPort repeat most banners. */
  readonly terms = new Map<string, string[]>();
  private readonly pool = new Map<string, string>();
  private sorted: HostPortEntry[] | null = null;
  /** Oldest savedAt held, so day-based retention can skip its scan on almost every save. */
  private oldest = Infinity;

  add(rec: SnapRec, terms?: string[]): void {
    if (this.snaps.has(rec.id)) this.remove(rec.id);
    this.snaps.set(rec.id, rec);
    this.byHash?.set(rec.hash, rec.id);
    if (terms) this.setTerms(rec.id, terms);
    let hp = this.hostPorts.get(rec.hostPortId);
    if (!hp) {
      hp = { id: rec.hostPortId, snaps: [], haystack: null };
      this.hostPorts.set(rec.hostPortId, hp);
    }
    insertNewestFirst(hp.snaps, rec);
    hp.haystack = null;
    this.sorted = null;
    if (rec.ms < this.oldest) this.oldest = rec.ms;
  }

  remove(id: string): SnapRec | null {
    const rec = this.snaps.get(id);
    if (!rec) return null;
    this.snaps.delete(id);
    if (this.byHash?.get(rec.hash) === id) this.byHash.delete(rec.hash);
    this.terms.delete(id);
    const hp = this.hostPorts.get(rec.hostPortId);
    if (hp) {
      const i = hp.snaps.indexOf(rec);
      if (i >= 0) hp.snaps.splice(i, 1);
      hp.haystack = null;
      if (hp.snaps.length === 0) this.hostPorts.delete(rec.hostPortId);
    }
    this.sorted = null;
    if (rec.ms <= this.oldest) this.oldest = NaN; // recomputed on demand
    return rec;
  }

  clear(): void {
    this.snaps.clear();
    this.hostPorts.clear();
    this.meta.clear();
    this.byHash = null;
    this.terms.clear();
    this.pool.clear();
    this.sorted = null;
    this.oldest = Infinity;
  }

  hasHash(hash: string): boolean {
    if (!this.byHash) {
      this.byHash = new Map();
      for (const r of this.snaps.values()) this.byHash.set(r.hash, r.id);
    }
    return this.byHash.has(hash);
  }

  setTerms(id: string, terms: string[]): void {
    this.terms.set(
      id,
      terms.map((t) => this.intern(t)),
    );
    const rec = this.snaps.get(id);
    const hp = rec && this.hostPorts.get(rec.hostPortId);
    if (hp) hp.haystack = null;
  }

  getMeta(hostPortId: string): HostPortMeta {
    return this.meta.get(hostPortId) ?? EMPTY_META;
  }

  setMeta(hostPortId: string, meta: HostPortMeta): void {
    if (meta.note === '' && meta.tags.length === 0 && !meta.pinned) this.meta.delete(hostPortId);
    else this.meta.set(hostPortId, meta);
    const hp = this.hostPorts.get(hostPortId);
    if (hp) hp.haystack = null;
    this.sorted = null;
  }

  oldestMs(): number {
    if (Number.isNaN(this.oldest)) {
      this.oldest = Infinity;
      for (const r of this.snaps.values()) if (r.ms < this.oldest) this.oldest = r.ms;
    }
    return this.oldest;
  }

  /** Pinned first, then most recently saved; the order is cached until something changes. */
  ordered(): HostPortEntry[] {
    if (!this.sorted) {
      const pinned = (e: HostPortEntry): number => (this.meta.get(e.id)?.pinned ? 1 : 0);
      this.sorted = [...this.hostPorts.values()].sort(
        (a, b) => pinned(b) - pinned(a) || b.snaps[0]!.ms - a.snaps[0]!.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
    }
    return this.sorted;
  }

  list(filter: ListFilter, offset: number, limit: number, order?: ListOrder): { items: HostPortSummaryView[]; total: number } {
    const items: HostPortSummaryView[] = [];
    let total = 0;
    const matched: HostPortEntry[] | null = isDefaultOrder(order) ? null : [];
    const status = filter.status?.toLowerCase();
    const protocol = filter.protocol?.toLowerCase();
    const tag = filter.tag?.toLowerCase();
    for (const hp of this.ordered()) {
      if (filter.hostPortId !== undefined && hp.id !== filter.hostPortId) continue;
      const latest = hp.snaps[0]!;
      if (status !== undefined && (latest.status ?? '').toLowerCase() !== status) continue;
      if (protocol !== undefined && (latest.protocol ?? '').toLowerCase() !== protocol) continue;
      if (filter.port !== undefined && latest.port !== filter.port) continue;
      const meta = this.getMeta(hp.id);
      if (tag !== undefined && !meta.tags.some((t) => t.toLowerCase() === tag)) continue;
      if (filter.fromMs !== undefined || filter.toMs !== undefined) {
        const from = filter.fromMs ?? -Infinity;
        const to = filter.toMs ?? Infinity;
        if (!hp.snaps.some((s) => s.ms >= from && s.ms <= to)) continue;
      }
      if (filter.terms.length > 0) {
        const hay = this.haystack(hp);
        if (!filter.terms.every((t) => hay.includes(t))) continue;
      }
      if (matched) matched.push(hp);
      else if (total >= offset && items.length < limit) items.push(this.summary(hp));
      total++;
    }
    if (matched && order) {
      matched.sort(comparatorFor(order));
      for (const hp of matched.slice(offset, offset + limit)) items.push(this.summary(hp));
    }
    return { items, total };
  }

  summary(hp: HostPortEntry): HostPortSummaryView {
    const latest = hp.snaps[0]!;
    const meta = this.getMeta(hp.id);
    return {
      hostPortId: hp.id,
      host: latest.host ?? hp.snaps.find((s) => s.host !== null)?.host ?? null,
      port: latest.port ?? hp.snaps.find((s) => s.port !== null)?.port ?? null,
      status: latest.status,
      protocol: latest.protocol,
      snapshotCount: hp.snaps.length,
      latestAt: latest.savedAt,
      latestSnapshotId: latest.id,
      pinned: meta.pinned,
      tags: [...meta.tags],
      note: meta.note,
    };
  }

  /** Every distinct search string of the hostPort's snapshots plus its tags and note, one per line. */
  private haystack(hp: HostPortEntry): string {
    if (hp.haystack === null) {
      const parts = new Set<string>();
      for (const s of hp.snaps) {
        if (s.host) parts.add(s.host.toLowerCase());
        if (s.port !== null) parts.add(String(s.port));
        for (const t of this.terms.get(s.id) ?? []) parts.add(t);
      }
      parts.add(hp.id.toLowerCase());
      const meta = this.getMeta(hp.id);
      for (const t of meta.tags) parts.add(t.toLowerCase());
      if (meta.note) parts.add(meta.note.toLowerCase());
      hp.haystack = [...parts].join('\n');
    }
    return hp.haystack;
  }

  private intern(s: string): string {
    const hit = this.pool.get(s);
    if (hit !== undefined) return hit;
    this.pool.set(s, s);
    return s;
  }
}

function insertNewestFirst(list: SnapRec[], rec: SnapRec): void {
  // Saves arrive newest-last in time, so the slot is almost always index 0.
  let i = 0;
  while (i < list.length && (list[i]!.ms > rec.ms || (list[i]!.ms === rec.ms && list[i]!.id > rec.id))) i++;
  list.splice(i, 0, rec);
}
