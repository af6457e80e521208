import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../../src-main/core/auth/serial-queue';

describe('serial queue', () => {
  it('runs jobs one at a time in order, and a failure does not stop the queue', async () => {
    const q = createSerialQueue();
    const events: string[] = [];
    let running = 0;
    const job = (name: string, ms: number, failIt = false) => async () => {
      running++;
      expect(running).toBe(1);
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`end ${name}`);
      running--;
      if (failIt) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([q.run(job('a', 30)), q.run(job('b', 5, true)), q.run(job('c', 1))]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
