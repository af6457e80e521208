// Turns a contract HistoryQuery into the in-memory filter: defaults, date bounds and search terms.
import { HistoryQuery, type HistorySortKey } from '../../../src-shared/contract';
import { fail } from '../failure';
import type { ListFilter } from './memory-index';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface ListOrder {
  sort: HistorySortKey;
  order: 'asc' | 'desc';
}

export function parseListQuery(query: HistoryQuery): { filter: ListFilter; offset: number; limit: number; order: ListOrder } {
  const parsed = HistoryQuery.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail('invalidInput', `Invalid history query (${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}).`);
  }
  const q = parsed.data;
  const filter: ListFilter = { terms: searchTermsOf(q.text) };
  if (q.hostPortId !== undefined) filter.hostPortId = q.hostPortId;
  if (q.status) filter.status = q.status;
  if (q.protocol) filter.protocol = q.protocol;
  if (q.port !== undefined) filter.port = q.port;
  if (q.tag) filter.tag = q.tag;
  if (q.from) filter.fromMs = dateBound(q.from, 'from');
  // A bare date as the upper bound means "through the end of that day" (dates are inclusive, in UTC).
  if (q.to) filter.toMs = dateBound(q.to, 'to') + (DATE_ONLY.test(q.to) ? 86_400_000 - 1 : 0);
  return { filter, offset: q.offset, limit: q.limit, order: { sort: q.sort, order: q.order } };
}

function dateBound(text: string, name: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw fail('invalidInput', `The "${name}" date is not a valid date.`);
  return ms;
}

/**
 * Whitespace separates terms that must all match somewhere in the hostPort's text; "double quotes" keep a phrase
 * (e.g. a banner fragment with spaces) together.
 */
export function searchTermsOf(text: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const t = (m[1] ?? m[2] ?? '').toLowerCase();
    if (t.length > 0) terms.push(t);
  }
  return terms;
}
