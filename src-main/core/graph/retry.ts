// Retry timing: Retry-After parsing and bounded exponential backoff with full jitter.

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates always name a weekday and "GMT"; requiring that keeps Date.parse from guessing at junk.
  if (!/[A-Za-z]{3},?\s/.test(text) || !/GMT$/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

export interface BackoffPolicy {
  /** Delay cap for attempt 0; doubles per attempt. */
  baseMs: number;
  /** Upper bound of any single wait. */
  maxMs: number;
  /** Floor: throttled requests still count against the quota, so never retry immediately. */
  minMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, minMs: 250 };

/**
 * "Full jitter": a uniform wait in [minMs, min(maxMs, baseMs·2^attempt)], so clients that were throttled
 * together do not come back together.
 */
export function backoffDelayMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(Math.max(policy.minMs, r * ceiling));
}

/**
 * How long to wait before the next attempt after a throttling answer: the server's Retry-After when it
 * gave one (never less than the floor), otherwise backoff.
 */
export function throttleDelayMs(
  retryAfter: string | undefined,
  attempt: number,
  nowMs: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): { delayMs: number; fromServer: boolean } {
  const server = parseRetryAfterMs(retryAfter, nowMs);
  if (server !== null) return { delayMs: Math.max(policy.minMs, server), fromServer: true };
  return { delayMs: backoffDelayMs(attempt, random, policy), fromServer: false };
}
