// Sorting the banners table: pure, so it is unit-tested without Svelte.
import type { BannerView } from '../../../src-main/shared/views';
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

/** Compares numbers with NaN (missing or invalid) always last, whatever the direction. */
function compareNumbers(a: number, b: number, dir: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return (a - b) * dir;
}

function compareText(a: string | null, b: string | null, dir: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  // Only the start matters for ordering; never compare megabytes.
  const x = a.slice(0, 256).toLowerCase();
  const y = b.slice(0, 256).toLowerCase();
  return (x < y ? -1 : x > y ? 1 : 0) * dir;
}

export function sortBanners(banners: readonly BannerView[], column: BannerColumn, direction: SortDirection): BannerRow[] {
  const dir = direction === 'ascending' ? 1 : -1;
  const rows = banners.map((banner, index) => ({ index, banner }));
  rows.sort((r1, r2) => {
    const a = r1.banner;
    const b = r2.banner;
    let c: number;
    switch (column) {
      case 'banner':
        c = compareText(a.banner, b.banner, dir);
        break;
      case 'scanProtocol':
        c = compareText(a.scanProtocol, b.scanProtocol, dir);
        break;
      case 'firstSeen':
        c = compareNumbers(stampSortKey(a.firstSeen), stampSortKey(b.firstSeen), dir);
        break;
      case 'lastSeen':
        c = compareNumbers(stampSortKey(a.lastSeen), stampSortKey(b.lastSeen), dir);
        break;
      case 'timesObserved':
        c = compareNumbers(a.timesObserved ?? Number.NaN, b.timesObserved ?? Number.NaN, dir);
        break;
    }
    return c || r1.index - r2.index;
  });
  return rows;
}
