// Sorting the banners table: pure, so it is unit-tested without Svelte.
import type { BannerView } from '../../../src-shared/views';
import { stampSortKey } from '../../lib/time';

export type BannerColumn = 'banner' | 'scanProtocol' | 'firstSeen' | 'lastSeen' | 'timesObserved';
export type SortDirection = 'ascending' | 'descending';

export const BANNER_COLUMNS: { key: BannerColumn; label: string; numeric: boolean }[] = [
  { key: 'banner', label: 'Banner', numeric: false },
  { key: 'scanProtocol', label: 'Scan protocol', numeric: false },
  { key: 'firstSeen', label: 'First seen', numeric: true },
  { key: 'lastSeen', label: 'Last seen', numeric: true },
  { key: 'timesObserved', label: 'Times observed', numeric: true },
];

export interface BannerRow {
  index: number;
  banner: BannerView;
}

/**
 * Sort and filter keys, each computed once per response when first wanted: a click on a column header never
 * re-parses dates or text, and showing 10,000 banners in the default order costs only the one key it sorts by.
 */
export interface BannerKeys {
  banner: (string | null)[];
  scanProtocol: (string | null)[];
  firstSeen: number[];
  lastSeen: number[];
  timesObserved: number[];
  /** Lower-cased text the filter box searches (banner and scan protocol). */
  search: string[];
}

export function bannerKeys(banners: readonly BannerView[]): BannerKeys {
  // Only the start matters for ordering; never compare megabytes.
  const text = (v: string | null) => (v === null ? null : v.slice(0, 256).toLowerCase());
  const made: Partial<BannerKeys> = {};
  const lazy = <K extends keyof BannerKeys>(key: K, make: () => BannerKeys[K]): PropertyDescriptor => ({
    enumerable: true,
    get: () => (made[key] ??= make()),
  });
  return Object.defineProperties({} as BannerKeys, {
    banner: lazy('banner', () => banners.map((b) => text(b.banner))),
    scanProtocol: lazy('scanProtocol', () => banners.map((b) => text(b.scanProtocol))),
    firstSeen: lazy('firstSeen', () => banners.map((b) => stampSortKey(b.firstSeen))),
    lastSeen: lazy('lastSeen', () => banners.map((b) => stampSortKey(b.lastSeen))),
    timesObserved: lazy('timesObserved', () => banners.map((b) => b.timesObserved ?? Number.NaN)),
    search: lazy('search', () => banners.map((b) => `${b.banner ?? ''}\n${b.scanProtocol ?? ''}`.toLowerCase())),
  });
}

/** Compares numbers with NaN (missing or invalid) always last, whatever the direction. */
function compareNumbers(a: number, b: number, dir: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return (a - b) * dir;
}

function compareText(a: string | null, b: string | null, dir: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return (a < b ? -1 : a > b ? 1 : 0) * dir;
}

/** The banners in display order; ties keep Graph's order. */
export function sortBanners(
  banners: readonly BannerView[],
  column: BannerColumn,
  direction: SortDirection,
  keys: BannerKeys = bannerKeys(banners),
): BannerRow[] {
  const dir = direction === 'ascending' ? 1 : -1;
  const order = banners.map((_, i) => i);
  if (column === 'banner' || column === 'scanProtocol') {
    const k = keys[column];
    order.sort((i, j) => compareText(k[i] ?? null, k[j] ?? null, dir) || i - j);
  } else {
    const k = keys[column];
    order.sort((i, j) => compareNumbers(k[i] ?? Number.NaN, k[j] ?? Number.NaN, dir) || i - j);
  }
  return order.map((index) => ({ index, banner: banners[index]! }));
}

/** The rows whose banner or scan protocol contains the query (case-insensitive); all rows for a blank query. */
export function filterBanners(rows: BannerRow[], query: string, keys: BannerKeys): BannerRow[] {
  const q = query.trim().toLowerCase();
  if (!q) return rows;
  return rows.filter((r) => keys.search[r.index]!.includes(q));
}
