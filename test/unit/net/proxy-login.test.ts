import { describe, expect, it, vi } from 'vitest';
import { createProxyLoginQueue, MAX_PENDING_PROXY_LOGINS, type ProxyLoginTimers } from '../../../src-main/core/net/proxy-login';

/** Timers driven by hand: fire() runs everything still scheduled. */
function manualTimers(): ProxyLoginTimers & { fire(): void; scheduled: number } {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    set: (fn) => {
      const id = next++;
      pending.set(id, fn);
      return id;
    },
    clear: (handle) => void pending.delete(handle as number),
    fire: () => {
      const all = [...pending.values()];
      pending.clear();
      all.forEach((fn) => fn());
    },
    get scheduled() {
      return pending.size;
    },
  };
}

const REQUEST = { host: 'proxy.corp.example', port: 3128, realm: 'Corp', scheme: 'basic' };

function setup() {
  const timers = manualTimers();
  let n = 0;
  const queue = createProxyLoginQueue({ timers, timeoutMs: 1000, newId: () => `c${++n}` });
  return { queue, timers };
}

describe('proxy login queue', () => {
  it('serves the oldest request to the page and hands the answer to the callback once', () => {
    const { queue, timers } = setup();
    const available = vi.fn();
    queue.onAvailable(available);
    const respond = vi.fn();
    queue.add(REQUEST, respond);
    expect(available).toHaveBeenCalledTimes(1);
    expect(queue.pending()).toEqual({ id: 'c1', ...REQUEST });
    // Pulling does not take it: it stays until answered.
    expect(queue.pending()?.id).toBe('c1');

    expect(queue.answer({ id: 'c1', username: 'analyst', password: 's3cret' })).toBe(true);
    expect(respond).toHaveBeenCalledTimes(1);
    expect(respond).toHaveBeenCalledWith({ username: 'analyst', password: 's3cret' });
    expect(queue.pending()).toBeNull();
    expect(timers.scheduled).toBe(0);
    // A second answer (a replay from the page) reaches nothing.
    expect(queue.answer({ id: 'c1', username: 'other', password: 'x' })).toBe(false);
    timers.fire();
    expect(respond).toHaveBeenCalledTimes(1);
  });

  it('cancel calls the callback with nothing', () => {
    const { queue } = setup();
    const respond = vi.fn();
    queue.add(REQUEST, respond);
    expect(queue.answer({ id: 'c1', cancel: true })).toBe(true);
    expect(respond).toHaveBeenCalledTimes(1);
    expect(respond.mock.calls[0]).toEqual([]);
  });

  it('a request nobody answers gives up when its time runs out, and a late answer is refused', () => {
    const { queue, timers } = setup();
    const respond = vi.fn();
    queue.add(REQUEST, respond);
    timers.fire();
    expect(respond).toHaveBeenCalledTimes(1);
    expect(respond.mock.calls[0]).toEqual([]);
    expect(queue.pending()).toBeNull();
    expect(queue.answer({ id: 'c1', username: 'late', password: 'x' })).toBe(false);
    expect(respond).toHaveBeenCalledTimes(1);
  });

  it('an unknown id answers nothing', () => {
    const { queue } = setup();
    const respond = vi.fn();
    queue.add(REQUEST, respond);
    expect(queue.answer({ id: 'nope', username: 'a', password: 'b' })).toBe(false);
    expect(respond).not.toHaveBeenCalled();
    expect(queue.pending()?.id).toBe('c1');
  });

  it('answers requests in order, and refuses at once past the limit', () => {
    const { queue } = setup();
    const responds = Array.from({ length: MAX_PENDING_PROXY_LOGINS + 1 }, () => vi.fn());
    responds.forEach((r) => queue.add(REQUEST, r));
    const extra = responds[MAX_PENDING_PROXY_LOGINS]!;
    expect(extra).toHaveBeenCalledTimes(1);
    expect(extra.mock.calls[0]).toEqual([]);
    expect(queue.pending()?.id).toBe('c1');
    queue.answer({ id: 'c1', cancel: true });
    expect(queue.pending()?.id).toBe('c2');
  });

  it('dispose gives up on everything still waiting', () => {
    const { queue } = setup();
    const a = vi.fn();
    const b = vi.fn();
    queue.add(REQUEST, a);
    queue.add({ ...REQUEST, port: 8080 }, b);
    queue.dispose();
    expect(a.mock.calls).toEqual([[]]);
    expect(b.mock.calls).toEqual([[]]);
    expect(queue.pending()).toBeNull();
  });
});

describe('withdrawing a request', () => {
  it('the request that asked ended: the analyst is no longer asked, the callback gets nothing once, listeners hear of it', () => {
    const { queue, timers } = setup();
    const withdrawn = vi.fn();
    queue.onWithdrawn(withdrawn);
    const respond = vi.fn();
    const withdraw = queue.add(REQUEST, respond);
    withdraw();
    expect(queue.pending()).toBeNull();
    expect(respond.mock.calls).toEqual([[]]);
    expect(withdrawn).toHaveBeenCalledTimes(1);
    expect(timers.scheduled).toBe(0);
    // Withdrawing after an answer changes nothing.
    const later = vi.fn();
    const withdrawLater = queue.add(REQUEST, later);
    queue.answer({ id: 'c2', username: 'a', password: 'b' });
    withdrawLater();
    expect(later).toHaveBeenCalledTimes(1);
    expect(withdrawn).toHaveBeenCalledTimes(1);
  });
});
