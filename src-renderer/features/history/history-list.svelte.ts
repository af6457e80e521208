// The History list: filters, the pages loaded so far, and which row holds the keyboard focus.
import type { HostPortSummaryView, PortolanError } from '../../../src-shared/contract';
import { call } from '../../lib/api';
import type { HistorySelection } from '../../../src-shared/contract';
import { DEFAULT_SORT, EMPTY_FILTERS, toHistoryQuery, toSelection, type FilterProblems, type HistoryFilters, type ListSort } from './history-filters';

export const PAGE_SIZE = 50;
/** Typing in a text filter waits this long before asking the store, so every keystroke is not a request. */
const DEBOUNCE_MS = 250;
const TYPED: (keyof HistoryFilters)[] = ['text', 'port', 'tag'];

export class HistoryListState {
  #filters = $state<HistoryFilters>({ ...EMPTY_FILTERS });
  #sort = $state.raw<ListSort>({ ...DEFAULT_SORT });
  #items = $state.raw<HostPortSummaryView[]>([]);
  #total = $state(0);
  #loading = $state(false);
  #loaded = $state(false);
  #error = $state.raw<PortolanError | null>(null);
  #problems = $state.raw<FilterProblems>({});
  #active = $state(0);
  /** Only the newest request may write the list; older answers arriving late are dropped. */
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  get filters(): Readonly<HistoryFilters> {
    return this.#filters;
  }
  /** The row order; kept with the filters while the analyst visits other screens. */
  get sort(): Readonly<ListSort> {
    return this.#sort;
  }
  /** The search, filters and order as one query, for exports of what the list shows. */
  get selection(): HistorySelection {
    return toSelection(this.#filters, this.#sort);
  }
  get items(): HostPortSummaryView[] {
    return this.#items;
  }
  get total(): number {
    return this.#total;
  }
  get loading(): boolean {
    return this.#loading;
  }
  /** True once a first answer (or error) came back: before that the empty state would be a lie. */
  get loaded(): boolean {
    return this.#loaded;
  }
  get error(): PortolanError | null {
    return this.#error;
  }
  get problems(): FilterProblems {
    return this.#problems;
  }
  get hasMore(): boolean {
    return this.#items.length < this.#total;
  }
  get active(): number {
    return Math.min(this.#active, Math.max(this.#items.length - 1, 0));
  }
  set active(i: number) {
    this.#active = i;
  }

  setFilter(key: keyof HistoryFilters, value: string): void {
    if (this.#filters[key] === value) return;
    this.#filters[key] = value;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (TYPED.includes(key)) this.#timer = setTimeout(() => void this.reload(), DEBOUNCE_MS);
    else void this.reload();
  }

  setSort(sort: ListSort): void {
    if (sort.sort === this.#sort.sort && sort.order === this.#sort.order) return;
    this.#sort = { ...sort };
    void this.reload();
  }

  clearFilters(): void {
    this.#filters = { ...EMPTY_FILTERS };
    void this.reload();
  }

  /** First page for the current filters. */
  reload(): Promise<void> {
    this.#active = 0;
    return this.#fetch(0, PAGE_SIZE, false);
  }

  /** The same rows again (after a delete, undo, pin or import), keeping what "load more" had added. */
  refresh(): Promise<void> {
    return this.#fetch(0, Math.min(Math.max(this.#items.length, PAGE_SIZE), 500), false);
  }

  loadMore(): Promise<void> {
    return this.#fetch(this.#items.length, PAGE_SIZE, true);
  }

  indexOf(hostPortId: string): number {
    return this.#items.findIndex((i) => i.hostPortId === hostPortId);
  }

  async #fetch(offset: number, limit: number, append: boolean): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const seq = ++this.#seq;
    const { query, problems } = toHistoryQuery(this.#filters, offset, limit);
    query.sort = this.#sort.sort;
    query.order = this.#sort.order;
    this.#problems = problems;
    this.#loading = true;
    const r = await call('history:list', query);
    if (seq !== this.#seq) return;
    this.#loading = false;
    this.#loaded = true;
    if (!r.ok) {
      this.#error = r.error;
      return;
    }
    this.#error = null;
    this.#items = append ? [...this.#items, ...r.value.items] : r.value.items;
    this.#total = r.value.total;
  }
}
