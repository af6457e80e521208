// Which bars the timeline draws: those matching the filter and overlapping the zoomed range, at most `limit` of them,
// so thousands of banners stay a bounded, readable picture with "N more" beside it.
import type { TimelineBarView } from '../../../src-shared/timeline-views';
import { toVisibleString } from '../../lib/visible-text';
import type { Range } from './time-scale';

export interface RowSelection {
  rows: TimelineBarView[];
  /** Matching the filter and in range, beyond the limit. */
  more: number;
  /** Matching the filter but outside the zoomed range. */
  outside: number;
  /** Not matching the filter. */
  filteredOut: number;
}

/** Rows shown at first, and added by each "Show more". */
export const ROW_PAGE = 40;

/** Attacker-controlled text as one line: control and bidi characters shown as escapes, line breaks as ␍␊ only. */
export function oneLine(text: string): string {
  return toVisibleString(text).replace(/\n/g, ' ');
}

/** What a bar is, as one line of text: escapes visible, nothing interpreted. */
export function barText(bar: TimelineBarView): string {
  const text = oneLine(bar.label) + (bar.labelLength > bar.label.length ? '…' : '');
  if (bar.kind === 'banner') return bar.detail ? `${oneLine(bar.detail)}: ${text}` : text;
  const name = text || '(unnamed service)';
  return bar.detail ? `${name} ${oneLine(bar.detail)}` : name;
}

function matches(bar: TimelineBarView, needle: string): boolean {
  if (needle === '') return true;
  const hay = `${bar.kind} ${bar.label} ${bar.detail ?? ''} ${bar.category ?? ''}`.toLowerCase();
  return hay.includes(needle);
}

export function selectRows(bars: readonly TimelineBarView[], filter: string, range: Range, limit: number): RowSelection {
  const needle = filter.trim().toLowerCase();
  const rows: TimelineBarView[] = [];
  let more = 0;
  let outside = 0;
  let filteredOut = 0;
  for (const bar of bars) {
    if (!matches(bar, needle)) filteredOut += 1;
    else if (bar.end < range.start || bar.start > range.end) outside += 1;
    else if (rows.length < limit) rows.push(bar);
    else more += 1;
  }
  return { rows, more, outside, filteredOut };
}
