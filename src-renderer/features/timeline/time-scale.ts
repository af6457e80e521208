// The timeline's time axis: the extent of the data, zooming within it, pixel positions and readable ticks. Pure and
// UTC throughout; "now" is passed in so tests can fix it.
import type { TimelineView } from '../../../src-shared/timeline-views';

export interface Range {
  start: number;
  end: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Narrowest zoom: one hour is still a readable axis. */
export const MIN_SPAN = HOUR;
/** Slider positions across the whole extent. */
export const SLIDER_STEPS = 1000;

/** Everything drawn, plus now (so a bar that ended long ago looks it); padded so nothing sits on the edge. */
export function dataExtent(view: Pick<TimelineView, 'bars' | 'bands' | 'marks'>, now: number): Range {
  let start = now;
  let end = now;
  for (const x of [...view.bars, ...view.bands]) {
    start = Math.min(start, x.start);
    end = Math.max(end, x.end);
  }
  for (const m of view.marks) {
    start = Math.min(start, m.ms);
    end = Math.max(end, m.ms);
  }
  const span = Math.max(end - start, DAY);
  const pad = span * 0.02;
  return { start: start - pad, end: start + span + pad };
}

/** Keeps a range inside the extent, at least MIN_SPAN wide (or the whole extent when that is narrower). */
export function clampRange(r: Range, extent: Range): Range {
  const full = extent.end - extent.start;
  let start = Math.max(extent.start, Math.min(r.start, r.end));
  let end = Math.min(extent.end, Math.max(r.start, r.end));
  const min = Math.min(MIN_SPAN, full);
  if (end - start < min) {
    const mid = (start + end) / 2;
    start = Math.max(extent.start, mid - min / 2);
    end = Math.min(extent.end, start + min);
    start = end - min;
  }
  return { start, end };
}

/** Zooms by `factor` (<1 narrows) keeping the time at `anchor` (0..1 across the range) in place. */
export function zoomBy(r: Range, factor: number, anchor: number, extent: Range): Range {
  const a = Math.min(1, Math.max(0, anchor));
  const at = r.start + (r.end - r.start) * a;
  const span = (r.end - r.start) * factor;
  return clampRange({ start: at - span * a, end: at + span * (1 - a) }, extent);
}

/** The range between two x positions (a drag across the chart). */
export function rangeFromPixels(x0: number, x1: number, width: number, r: Range, extent: Range): Range {
  const t = (x: number) => r.start + ((r.end - r.start) * Math.min(width, Math.max(0, x))) / width;
  return clampRange({ start: t(Math.min(x0, x1)), end: t(Math.max(x0, x1)) }, extent);
}

/** Slider position (0..SLIDER_STEPS) of a time, and back. */
export function toStep(ms: number, extent: Range): number {
  return Math.round(((ms - extent.start) / (extent.end - extent.start)) * SLIDER_STEPS);
}
export function fromStep(step: number, extent: Range): number {
  return extent.start + ((extent.end - extent.start) * step) / SLIDER_STEPS;
}

/** x of a time in a chart `width` wide showing `r`; times outside fall outside 0..width. */
export function xOf(ms: number, r: Range, width: number): number {
  return ((ms - r.start) / (r.end - r.start)) * width;
}

export interface Tick {
  ms: number;
  label: string;
}

type Step = { unit: 'minute' | 'hour' | 'day' | 'month' | 'year'; n: number };
const STEPS: Step[] = [
  { unit: 'minute', n: 5 }, { unit: 'minute', n: 15 }, { unit: 'minute', n: 30 },
  { unit: 'hour', n: 1 }, { unit: 'hour', n: 3 }, { unit: 'hour', n: 6 }, { unit: 'hour', n: 12 },
  { unit: 'day', n: 1 }, { unit: 'day', n: 2 }, { unit: 'day', n: 7 }, { unit: 'day', n: 14 },
  { unit: 'month', n: 1 }, { unit: 'month', n: 3 }, { unit: 'month', n: 6 },
  { unit: 'year', n: 1 }, { unit: 'year', n: 2 }, { unit: 'year', n: 5 }, { unit: 'year', n: 10 }, { unit: 'year', n: 25 }, { unit: 'year', n: 50 }, { unit: 'year', n: 100 },
];
const APPROX: Record<Step['unit'], number> = { minute: MINUTE, hour: HOUR, day: DAY, month: 30.44 * DAY, year: 365.25 * DAY };

const pad = (n: number) => String(n).padStart(2, '0');

function label(ms: number, unit: Step['unit']): string {
  const d = new Date(ms);
  const ymd = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (unit === 'year') return String(d.getUTCFullYear());
  if (unit === 'month') return ymd.slice(0, 7);
  if (unit === 'day') return ymd;
  return `${ymd.slice(5)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The first tick at or after `ms` on the step's calendar grid (UTC). */
function firstTick(ms: number, s: Step): number {
  const d = new Date(ms);
  if (s.unit === 'year') {
    const y = Math.ceil(d.getUTCFullYear() / s.n) * s.n;
    const t = Date.UTC(y, 0, 1);
    return t >= ms ? t : Date.UTC(y + s.n, 0, 1);
  }
  if (s.unit === 'month') {
    let m = d.getUTCFullYear() * 12 + d.getUTCMonth();
    m = Math.ceil(m / s.n) * s.n;
    let t = Date.UTC(Math.floor(m / 12), m % 12, 1);
    if (t < ms) t = Date.UTC(Math.floor((m + s.n) / 12), (m + s.n) % 12, 1);
    return t;
  }
  const size = APPROX[s.unit] * s.n;
  return Math.ceil(ms / size) * size;
}

function next(ms: number, s: Step): number {
  const d = new Date(ms);
  if (s.unit === 'year') return Date.UTC(d.getUTCFullYear() + s.n, 0, 1);
  if (s.unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + s.n, 1);
  return ms + APPROX[s.unit] * s.n;
}

/** Calendar-aligned UTC ticks across `r`, no more than `max` of them. */
export function timeTicks(r: Range, max = 8): Tick[] {
  const span = r.end - r.start;
  const step = STEPS.find((s) => span / (APPROX[s.unit] * s.n) <= max) ?? STEPS[STEPS.length - 1]!;
  const out: Tick[] = [];
  for (let t = firstTick(r.start, step); t <= r.end && out.length <= max; t = next(t, step)) out.push({ ms: t, label: label(t, step.unit) });
  return out;
}
