// One host port's timeline on screen: the derived series from main, the zoomed range, the filter, how many rows are
// shown, and whether the picture or its table is showing.
import type { PortolanError, Result } from '../../../src-shared/contract';
import type { TimelineView } from '../../../src-shared/timeline-views';
import { call } from '../../lib/api';
import { ROW_PAGE, selectRows, type RowSelection } from './timeline-rows';
import { clampRange, dataExtent, zoomBy, type Range } from './time-scale';

type Load = (hostPortId: string) => Promise<Result<TimelineView>>;
const loadFromMain: Load = (hostPortId) => call('history:timeline', { hostPortId });

export class TimelineState {
  readonly hostPortId: string;
  #load: Load = loadFromMain;
  #now: () => number = Date.now;
  #view = $state.raw<TimelineView | null>(null);
  #error = $state.raw<PortolanError | null>(null);
  #loading = $state(false);
  /** Null: the whole extent. */
  #zoom = $state.raw<Range | null>(null);
  #limit = $state(ROW_PAGE);
  filter = $state('');
  asTable = $state(false);

  #extent = $derived(this.#view ? dataExtent(this.#view, this.#now()) : { start: 0, end: 1 });
  #range = $derived(this.#zoom ? clampRange(this.#zoom, this.#extent) : this.#extent);
  #selection = $derived<RowSelection>(this.#view ? selectRows(this.#view.bars, this.filter, this.#range, this.#limit) : { rows: [], more: 0, outside: 0, filteredOut: 0 });

  constructor(hostPortId: string, opts: { load?: Load; now?: () => number } = {}) {
    this.hostPortId = hostPortId;
    if (opts.load) this.#load = opts.load;
    if (opts.now) this.#now = opts.now;
  }

  get view(): TimelineView | null {
    return this.#view;
  }
  get error(): PortolanError | null {
    return this.#error;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get extent(): Range {
    return this.#extent;
  }
  get range(): Range {
    return this.#range;
  }
  get zoomed(): boolean {
    return this.#zoom !== null;
  }
  get selection(): RowSelection {
    return this.#selection;
  }

  async load(): Promise<void> {
    this.#loading = true;
    const r = await this.#load(this.hostPortId);
    this.#loading = false;
    if (r.ok) {
      this.#view = r.value;
      this.#error = null;
    } else this.#error = r.error;
  }

  zoomTo(r: Range): void {
    const next = clampRange(r, this.#extent);
    this.#zoom = next.start <= this.#extent.start && next.end >= this.#extent.end ? null : next;
  }
  zoom(factor: number, anchor = 0.5): void {
    this.zoomTo(zoomBy(this.#range, factor, anchor, this.#extent));
  }
  resetZoom(): void {
    this.#zoom = null;
  }
  showMore(): void {
    this.#limit += ROW_PAGE;
  }
}
