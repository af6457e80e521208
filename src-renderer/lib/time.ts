// Timestamps as analysts read them: exact UTC first, a relative time beside it. Pure, no DOM.
import type { Stamp } from '../../src-shared/views';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2023-08-09 23:18:21 UTC` */
export function formatUtc(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const y = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365.25 * 24 * 3600_000],
  ['month', 30.44 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "2 years ago", "in 3 days", "now". */
export function formatRelative(ms: number, now: number): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') return rtf.format(Math.round(diff / size), unit);
  }
  return rtf.format(Math.round(diff / 1000), 'second');
}

export type StampDisplay =
  | { state: 'missing' }
  | { state: 'invalid'; raw: string }
  | { state: 'valid'; utc: string; relative: string; raw: string; iso: string; ms: number };

/** How one Stamp is shown: a valid date, an invalid one (raw text, marked), or nothing at all. */
export function describeStamp(stamp: Stamp | null | undefined, now: number): StampDisplay {
  if (!stamp || (stamp.raw === null && stamp.ms === null)) return { state: 'missing' };
  if (stamp.ms === null || !Number.isFinite(stamp.ms)) return { state: 'invalid', raw: stamp.raw ?? '' };
  return {
    state: 'valid',
    utc: formatUtc(stamp.ms),
    relative: formatRelative(stamp.ms, now),
    raw: stamp.raw ?? new Date(stamp.ms).toISOString(),
    iso: new Date(stamp.ms).toISOString(),
    ms: stamp.ms,
  };
}

/** Sort key: valid dates by time; invalid and missing ones after every valid date. */
export function stampSortKey(stamp: Stamp | null | undefined): number {
  return stamp && stamp.ms !== null && Number.isFinite(stamp.ms) ? stamp.ms : Number.NaN;
}
