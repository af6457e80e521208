// How a saved snapshot and a hostPort are named on screen. Pure.
import { formatRelative, formatUtc } from '../../lib/time';

/** "Saved 2025-03-01 10:00:00 UTC (2 days ago)"; the raw text when the stored time does not parse. */
export function savedLabel(savedAt: string, now: number): string {
  const ms = Date.parse(savedAt);
  if (Number.isNaN(ms)) return `Saved ${savedAt}`;
  return `Saved ${formatUtc(ms)} (${formatRelative(ms, now)})`;
}

/** "host:port", IPv6 in brackets, or the hostPort id when host or port is unknown. */
export function hostPortLabel(host: string | null, port: number | null, hostPortId: string): string {
  if (!host) return hostPortId;
  const h = host.includes(':') ? `[${host}]` : host;
  return port === null ? h : `${h}:${port}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
