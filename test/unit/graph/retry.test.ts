import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs, throttleDelayMs } from '../../../src-main/core/graph/retry';

const now = Date.UTC(2025, 0, 1, 12, 0, 0);
const policy = { baseMs: 500, maxMs: 8000, minMs: 250 };

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 12:00:42 GMT', now)).toBe(42_000);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores junk', () => {
    for (const v of [undefined, '', '-1', '1.5', 'soon', '2025-01-01T12:00:42Z']) expect(parseRetryAfterMs(v, now), String(v)).toBeNull();
  });
});

describe('backoff with full jitter', () => {
  it('grows exponentially and is capped', () => {
    const top = (): number => 1;
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => backoffDelayMs(a, top, policy))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('draws uniformly below the ceiling', () => {
    expect(backoffDelayMs(3, () => 0.5, policy)).toBe(2000);
    expect(backoffDelayMs(3, () => 0.25, policy)).toBe(1000);
  });

  it('never retries immediately', () => {
    expect(backoffDelayMs(0, () => 0, policy)).toBe(250);
    expect(throttleDelayMs('0', 0, now, () => 0, policy)).toEqual({ delayMs: 250, fromServer: true });
  });

  it('prefers the server Retry-After over backoff', () => {
    expect(throttleDelayMs('3', 5, now, () => 1, policy)).toEqual({ delayMs: 3000, fromServer: true });
    expect(throttleDelayMs(undefined, 1, now, () => 1, policy)).toEqual({ delayMs: 1000, fromServer: false });
  });
});
