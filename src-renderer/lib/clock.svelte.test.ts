import { describe, expect, it } from 'vitest';
import { Clock, TICK_MS } from './clock.svelte';

describe('the shared clock', () => {
  it('ticks on its injected scheduler and rewrites mounted relative times in place', () => {
    let t = Date.UTC(2026, 0, 1);
    let scheduled: (() => void) | null = null;
    let every = 0;
    const clock = new Clock(
      () => t,
      (tick, ms) => {
        scheduled = tick;
        every = ms;
      },
    );
    expect(every).toBe(TICK_MS);
    const node = { nodeValue: null as string | null };
    clock.relative.add({ ms: t - 20_000, node }, clock.current);
    expect(node.nodeValue).toBe('just now');
    t += TICK_MS;
    (scheduled as unknown as () => void)();
    expect(clock.now).toBe(t);
    expect(clock.current).toBe(t);
    expect(node.nodeValue).toBe('50 seconds ago');
  });
});
