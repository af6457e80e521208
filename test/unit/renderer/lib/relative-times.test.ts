import { describe, expect, it } from 'vitest';
import { RelativeTimes } from '../../../../src-renderer/lib/relative-times';
import { formatRelative } from '../../../../src-renderer/lib/time';

const node = () => ({ nodeValue: null as string | null });

describe('relative times rewritten in place', () => {
  const now = Date.UTC(2026, 0, 1);

  it('shows the text at once and, on a tick, rewrites only the texts that changed', () => {
    const times = new RelativeTimes(formatRelative);
    const recent = { ms: now - 20_000, node: node() };
    const old = { ms: now - 3 * 365 * 86_400_000, node: node() };
    times.add(recent, now);
    times.add(old, now);
    expect(recent.node.nodeValue).toBe('just now');
    expect(old.node.nodeValue).toBe('3 years ago');

    const writes: string[] = [];
    for (const t of [recent, old]) {
      let value = t.node.nodeValue;
      Object.defineProperty(t.node, 'nodeValue', {
        get: () => value,
        set: (v: string) => {
          writes.push(v);
          value = v;
        },
      });
    }
    expect(times.refresh(now + 30_000)).toBe(1);
    expect(writes).toEqual(['50 seconds ago']);
    expect(times.refresh(now + 30_000)).toBe(0);
    expect(writes).toHaveLength(1);
  });

  it('a removed stamp (a row scrolled away) is no longer touched', () => {
    const times = new RelativeTimes(formatRelative);
    const a = { ms: now - 20_000, node: node() };
    const stop = times.add(a, now);
    expect(times.size).toBe(1);
    stop();
    expect(times.size).toBe(0);
    expect(times.refresh(now + 3_600_000)).toBe(0);
    expect(a.node.nodeValue).toBe('just now');
  });

  it('costs one format per mounted stamp, whatever else exists', () => {
    let calls = 0;
    const times = new RelativeTimes((ms, at) => {
      calls++;
      return formatRelative(ms, at);
    });
    for (let i = 0; i < 40; i++) times.add({ ms: now - i * 1000, node: node() }, now);
    calls = 0;
    times.refresh(now + 30_000);
    expect(calls).toBe(40);
  });
});
