// "Changed since the previous snapshot" for each row of a saved entry's snapshot list. Worked out on demand by
// comparing each snapshot with the one before it, for the newest rows only (the list shows those first), and
// remembered per pair of snapshot ids: snapshots never change once saved, so the answer never goes stale.
import type { CompareView, SnapshotChangeView, SnapshotMetaView, SnapshotView } from '../../../src-shared/views';
import { compareSnapshots } from './compare';
import { metaView, type SnapRec } from './records';

/** Rows past this many get no mark (the analyst can still compare them with one click). */
export const CHANGE_MARK_LIMIT = 200;
const CACHE_LIMIT = 5000;

/** Content changes only: first/last seen, times observed and banner counters move on every scan. */
export function changeOf(c: CompareView): SnapshotChangeView {
  const fields = c.fields.map((f) => f.field).filter((f) => f === 'status' || f === 'protocol' || f === 'port');
  const v: SnapshotChangeView = {
    hasPrevious: true,
    changed: false,
    bannersAdded: c.banners.added.length,
    bannersRemoved: c.banners.removed.length,
    servicesAdded: c.services.added.length,
    servicesRemoved: c.services.removed.length,
    servicesChanged: c.services.versionChanged.length,
    certificateChanged: c.certificate.changed,
    fields,
  };
  v.changed = v.bannersAdded + v.bannersRemoved + v.servicesAdded + v.servicesRemoved + v.servicesChanged > 0 || v.certificateChanged || fields.length > 0;
  return v;
}

const FIRST: SnapshotChangeView = Object.freeze({
  hasPrevious: false,
  changed: false,
  bannersAdded: 0,
  bannersRemoved: 0,
  servicesAdded: 0,
  servicesRemoved: 0,
  servicesChanged: 0,
  certificateChanged: false,
  fields: [],
}) as SnapshotChangeView;

export class ChangeMarks {
  readonly #cache = new Map<string, SnapshotChangeView>();

  /**
   * Metadata for `snaps` (newest first) with each row's change since the next older one. `read` returns null for a
   * snapshot that cannot be read; its rows and its successor's then carry no mark.
   */
  mark(snaps: SnapRec[], read: (rec: SnapRec) => SnapshotView | null): SnapshotMetaView[] {
    const loaded = new Map<string, SnapshotView | null>();
    const get = (rec: SnapRec): SnapshotView | null => {
      if (!loaded.has(rec.id)) loaded.set(rec.id, read(rec));
      return loaded.get(rec.id) ?? null;
    };
    return snaps.map((rec, i) => {
      const meta = metaView(rec);
      if (i >= CHANGE_MARK_LIMIT) return meta;
      const prev = snaps[i + 1];
      if (!prev) return { ...meta, change: { ...FIRST, fields: [] } };
      const key = `${prev.id}>${rec.id}`;
      let change = this.#cache.get(key);
      if (!change) {
        const before = get(prev);
        const after = get(rec);
        if (!before || !after) return meta;
        change = changeOf(compareSnapshots(before, after));
        if (this.#cache.size >= CACHE_LIMIT) this.#cache.delete(this.#cache.keys().next().value as string);
        this.#cache.set(key, change);
      }
      return { ...meta, change: { ...change, fields: [...change.fields] } };
    });
  }
}
