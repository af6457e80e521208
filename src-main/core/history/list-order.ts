// The History list's orders other than the default. The default (pinned first, then newest saved) is cached by the
// index; an explicit order sorts only the rows that matched, once per request, so it costs nothing until asked for.
// Rows without the value (no host, no port, no status) go last in both directions: they are never what the analyst
// sorted to find.
import type { HostPortEntry } from './memory-index';
import type { ListOrder } from './query';

type Entry = Pick<HostPortEntry, 'id' | 'snaps'>;

const hostOf = (e: Entry): string | null => {
  const h = e.snaps[0]?.host ?? e.snaps.find((s) => s.host !== null)?.host ?? null;
  return h === null ? null : h.toLowerCase();
};
const portOf = (e: Entry): number | null => e.snaps[0]?.port ?? e.snaps.find((s) => s.port !== null)?.port ?? null;
const statusOf = (e: Entry): string | null => {
  const s = e.snaps[0]?.status ?? null;
  return s === null ? null : s.toLowerCase();
};
const savedOf = (e: Entry): number => e.snaps[0]?.ms ?? 0;

function compareValues<T extends string | number>(a: T | null, b: T | null, dir: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -dir : a > b ? dir : 0;
}

/** True for the index's own cached order, which keeps pinned rows on top. */
export function isDefaultOrder(o: ListOrder | undefined): boolean {
  return o === undefined || (o.sort === 'saved' && o.order === 'desc');
}

/** Sorts by the chosen key; ties fall back to newest saved, then id, so paging is stable. */
export function comparatorFor(o: ListOrder): (a: Entry, b: Entry) => number {
  const dir = o.order === 'asc' ? 1 : -1;
  const primary = (a: Entry, b: Entry): number => {
    switch (o.sort) {
      case 'host':
        return compareValues(hostOf(a), hostOf(b), dir);
      case 'port':
        return compareValues(portOf(a), portOf(b), dir);
      case 'status':
        return compareValues(statusOf(a), statusOf(b), dir);
      case 'saved':
        return compareValues(savedOf(a), savedOf(b), dir);
    }
  };
  return (a, b) => primary(a, b) || savedOf(b) - savedOf(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
