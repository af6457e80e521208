// Sort order and filter of the banners table. The default shows the most recently seen banner first.
import type { BannerView } from '../../../src-shared/views';
import { BANNER_COLUMNS, bannerKeys, filterBanners, sortBanners, type BannerColumn, type BannerRow, type SortDirection } from './banner-sort';

export { BANNER_COLUMNS };

export class BannerTable {
  #banners: () => readonly BannerView[] = () => [];
  #column = $state<BannerColumn>('lastSeen');
  #direction = $state<SortDirection>('descending');
  /** The filter box: banners whose text or scan protocol contains it. */
  filter = $state('');
  #keys = $derived(bannerKeys(this.#banners()));
  #sorted = $derived(sortBanners(this.#banners(), this.#column, this.#direction, this.#keys));
  #rows = $derived(filterBanners(this.#sorted, this.filter, this.#keys));

  constructor(banners: () => readonly BannerView[]) {
    this.#banners = banners;
  }

  /** The rows shown, in order, after the filter. */
  get rows(): BannerRow[] {
    return this.#rows;
  }
  get total(): number {
    return this.#banners().length;
  }
  get column(): BannerColumn {
    return this.#column;
  }
  get direction(): SortDirection {
    return this.#direction;
  }

  ariaSort(column: BannerColumn): 'ascending' | 'descending' | 'none' {
    return column === this.#column ? this.#direction : 'none';
  }

  /** Same column flips the direction; a new column starts newest/largest first for numbers, A→Z for text. */
  sortBy(column: BannerColumn): void {
    if (column === this.#column) {
      this.#direction = this.#direction === 'ascending' ? 'descending' : 'ascending';
      return;
    }
    this.#column = column;
    this.#direction = BANNER_COLUMNS.find((c) => c.key === column)?.numeric ? 'descending' : 'ascending';
  }
}
