// Where each thing sits in the timeline's SVG, and what it says to a screen reader or in its tooltip. Pure: the chart
// component only draws what this returns, so the focus order (top to bottom, left to right) is decided here.
import type { TimelineBandView, TimelineBarView, TimelineMarkView } from '../../../src-shared/timeline-views';
import { formatUtc } from '../../lib/time';
import { barText, oneLine } from './timeline-rows';
import { xOf, type Range } from './time-scale';

export const AXIS_H = 26;
export const ROW_H = 22;
export const HEADING_H = 20;

export interface LaidItem {
  id: string;
  kind: 'mark' | 'band' | 'banner' | 'service';
  /** Pixel box within the plot (x may fall outside 0..width when zoomed; the plot clips it). */
  x0: number;
  x1: number;
  y: number;
  /** The row's label (left column), empty for marks. */
  label: string;
  /** Kind, what it is, exact UTC dates: the accessible name and the tooltip's lines. */
  lines: string[];
}

export interface Layout {
  items: LaidItem[];
  headings: { y: number; text: string }[];
  height: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function span(kind: string, what: string, start: number, end: number, snapshots: number): string[] {
  return [`${kind}: ${what}`, `First seen ${formatUtc(start)}`, `Last seen ${formatUtc(end)}`, `In ${plural(snapshots, 'snapshot')}`];
}

function bandLines(b: TimelineBandView): string[] {
  const who = b.subject ? oneLine(b.subject) : '(no common name)';
  return [`Certificate: ${who}`, `Valid from ${formatUtc(b.start)}`, `Valid until ${formatUtc(b.end)}`, `In ${plural(b.snapshots, 'snapshot')}`];
}

function barLines(b: TimelineBarView): string[] {
  if (b.kind === 'banner') return span('Banner', barText(b), b.start, b.end, b.snapshots);
  const lines = span('Service', barText(b), b.start, b.end, b.snapshots);
  if (b.category) lines.splice(1, 0, `Category: ${oneLine(b.category)}`);
  return lines;
}

export function layOut(marks: readonly TimelineMarkView[], bands: readonly TimelineBandView[], rows: readonly TimelineBarView[], range: Range, width: number): Layout {
  const items: LaidItem[] = [];
  const headings: Layout['headings'] = [];
  let y = AXIS_H;
  const x = (ms: number) => xOf(ms, range, width);

  headings.push({ y, text: `Saves (${marks.length})` });
  y += HEADING_H;
  for (const m of marks) {
    if (m.ms < range.start || m.ms > range.end) continue;
    items.push({ id: `m-${m.snapshotId}`, kind: 'mark', x0: x(m.ms), x1: x(m.ms), y, label: '', lines: [`Snapshot saved ${formatUtc(m.ms)}`] });
  }
  y += ROW_H;

  if (bands.length > 0) {
    headings.push({ y, text: `Certificate validity (${bands.length})` });
    y += HEADING_H;
    for (const b of bands) {
      items.push({ id: `b-${b.key}`, kind: 'band', x0: x(b.start), x1: x(b.end), y, label: b.subject ? oneLine(b.subject) : '(no common name)', lines: bandLines(b) });
      y += ROW_H;
    }
  }

  let lastKind: string | null = null;
  for (const r of rows) {
    if (r.kind !== lastKind) {
      headings.push({ y, text: r.kind === 'banner' ? 'Banners' : 'Services' });
      y += HEADING_H;
      lastKind = r.kind;
    }
    items.push({ id: `r-${r.key}`, kind: r.kind, x0: x(r.start), x1: x(r.end), y, label: barText(r), lines: barLines(r) });
    y += ROW_H;
  }
  return { items, headings, height: y + 6 };
}
