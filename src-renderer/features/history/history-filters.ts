// The filter form as the analyst fills it (all text, as inputs give it) and the HistoryQuery it becomes.
// Pure: the list state and its tests share it.
import type { HistoryQuery, HistorySelection, HistorySortKey } from '../../../src-shared/contract';

export interface HistoryFilters {
  text: string;
  status: string;
  protocol: string;
  port: string;
  tag: string;
  /** yyyy-mm-dd from <input type=date>, or ''. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: Readonly<HistoryFilters> = Object.freeze({ text: '', status: '', protocol: '', port: '', tag: '', from: '', to: '' });

/** Known values first; Graph may add others, which the analyst can still reach through search. */
export const STATUS_CHOICES = ['open', 'filtered', 'closed'] as const;
export const PROTOCOL_CHOICES = ['tcp', 'udp'] as const;

export interface FilterProblems {
  port?: string;
  dates?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Builds the page request. A filter the analyst is still typing (a port of "7000000", a from after to) is reported
 * and left out of the query, so the list keeps answering instead of failing the whole request.
 */
export function toHistoryQuery(f: HistoryFilters, offset: number, limit: number): { query: HistoryQuery; problems: FilterProblems } {
  const problems: FilterProblems = {};
  const query: HistoryQuery = { text: f.text.trim().slice(0, 500), offset, limit };
  if (f.status) query.status = f.status;
  if (f.protocol) query.protocol = f.protocol;
  const tag = f.tag.trim();
  if (tag) query.tag = tag.slice(0, 80);
  const port = f.port.trim();
  if (port) {
    const n = /^\d{1,5}$/.test(port) ? Number(port) : Number.NaN;
    if (n >= 1 && n <= 65535) query.port = n;
    else problems.port = 'A port is a whole number, 1–65535.';
  }
  const from = DATE.test(f.from) ? f.from : '';
  const to = DATE.test(f.to) ? f.to : '';
  if (from && to && from > to) problems.dates = 'The “from” date is after the “to” date.';
  else {
    if (from) query.from = from;
    if (to) query.to = to;
  }
  return { query, problems };
}

export function activeFilterCount(f: HistoryFilters): number {
  return (['status', 'protocol', 'port', 'tag', 'from', 'to'] as const).filter((k) => f[k].trim() !== '').length;
}

export interface ListSort {
  sort: HistorySortKey;
  order: 'asc' | 'desc';
}

export const DEFAULT_SORT: Readonly<ListSort> = Object.freeze({ sort: 'saved', order: 'desc' });

/** The sort choices as the select offers them; the value is "key:order". */
export const SORT_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'saved:desc', label: 'Last saved, newest first' },
  { value: 'saved:asc', label: 'Last saved, oldest first' },
  { value: 'host:asc', label: 'Host, A to Z' },
  { value: 'host:desc', label: 'Host, Z to A' },
  { value: 'port:asc', label: 'Port, lowest first' },
  { value: 'port:desc', label: 'Port, highest first' },
  { value: 'status:asc', label: 'Status, A to Z' },
  { value: 'status:desc', label: 'Status, Z to A' },
];

export const sortValue = (s: ListSort): string => `${s.sort}:${s.order}`;

/** A select value back to a sort; anything unknown is the default. */
export function parseSort(value: string): ListSort {
  const known = SORT_CHOICES.some((c) => c.value === value);
  if (!known) return { ...DEFAULT_SORT };
  const [sort, order] = value.split(':') as [HistorySortKey, 'asc' | 'desc'];
  return { sort, order };
}

/** What the list shows, without paging: the query an export of "what is shown" sends. */
export function toSelection(f: HistoryFilters, s: ListSort): HistorySelection {
  const { query } = toHistoryQuery(f, 0, 1);
  const { offset: _offset, limit: _limit, ...rest } = query;
  return { ...rest, sort: s.sort, order: s.order };
}
