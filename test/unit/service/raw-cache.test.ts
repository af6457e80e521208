// The bodies held for lookup:raw: the oldest go first once there are too many or they are too large together,
// and a body larger than the whole allowance is still held, alone, until the next one comes.
import { describe, expect, it } from 'vitest';
import { RawCache } from '../../../src-main/core/service/raw-cache';

const counter = () => {
  let n = 0;
  return () => `id${++n}`;
};

describe('RawCache', () => {
  it('holds bodies by id and lets the oldest go past the count', () => {
    const cache = new RawCache({ maxEntries: 2, maxChars: 1000 }, counter());
    const a = cache.put('aaa');
    const b = cache.put('bbb');
    const c = cache.put('ccc');
    expect([a, b, c]).toEqual(['id1', 'id2', 'id3']);
    expect(cache.get(a)).toBeNull();
    expect(cache.get(b)).toBe('bbb');
    expect(cache.get(c)).toBe('ccc');
    expect(cache.size).toBe(2);
  });

  it('lets the oldest go past the size, keeps a body larger than the allowance alone, and frees it for the next', () => {
    const cache = new RawCache({ maxEntries: 10, maxChars: 10 }, counter());
    const a = cache.put('12345');
    const b = cache.put('123456');
    expect(cache.get(a)).toBeNull();
    expect(cache.get(b)).toBe('123456');
    const big = cache.put('x'.repeat(50));
    expect(cache.get(b)).toBeNull();
    expect(cache.get(big)).toHaveLength(50);
    const next = cache.put('y');
    expect(cache.get(big)).toBeNull();
    expect(cache.get(next)).toBe('y');
  });

  it("makes ids no one can guess (random, in the contract's alphabet)", () => {
    const cache = new RawCache();
    const ids = new Set(Array.from({ length: 50 }, () => cache.put('{}')));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});
