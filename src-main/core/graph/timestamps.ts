// Strict ISO 8601 date-time checking. Date.parse is too lenient for our purpose (engines differ, and some
// roll impossible dates over instead of rejecting them), and we must never silently "fix" what Graph sent.
import type { Stamp } from '../../../src-shared/views';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseIsoMs(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMin = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear undoes that.
  const date = new Date(utc);
  date.setUTCFullYear(year);
  return date.getTime() - offsetMin * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A Stamp from an untrusted value; reports a warning (via `warn`) for anything that is not a valid date. */
export function toStamp(value: unknown, path: string, warn: (message: string) => void): Stamp {
  if (value === undefined || value === null) return { raw: null, ms: null };
  if (typeof value !== 'string') {
    const raw = typeof value === 'object' ? JSON.stringify(value) : String(value);
    warn(`${path} is not a date string (got ${typeof value}): ${shorten(raw)}`);
    return { raw, ms: null };
  }
  const ms = parseIsoMs(value);
  if (ms === null) warn(`${path} is not a valid date: ${shorten(value)}`);
  return { raw: value, ms };
}

/** JSON-quoted so control characters in attacker-controlled text show as escapes, and bounded in length. */
export function shorten(text: string, max = 120): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
