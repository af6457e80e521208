import { describe, expect, it } from 'vitest';
import { ThrottleGate, type GateTicket } from '../../../../src-main/core/bulk/gate';
import { FakeTimers, settle } from '../../../support/fake-timers';

function track(p: Promise<GateTicket>): { ticket: GateTicket | null } {
  const box: { ticket: GateTicket | null } = { ticket: null };
  void p.then((t) => (box.ticket = t));
  return box;
}

describe('ThrottleGate', () => {
  it('holds every request until Retry-After has passed, to the millisecond', async () => {
    const timers = new FakeTimers();
    const gate = new ThrottleGate({ timers, initialLimit: 4 });
    const first = await gate.acquire(false);
    first.release({ kind: 'throttled', retryAfterMs: 1500 });
    const job = track(gate.acquire(false));
    const single = track(gate.acquire(true));
    await timers.advance(1499);
    expect(job.ticket).toBeNull();
    expect(single.ticket).toBeNull();
    await timers.advance(1);
    expect(single.ticket).not.toBeNull();
    expect(job.ticket).not.toBeNull();
  });

  it('a later, longer Retry-After extends the pause', async () => {
    const timers = new FakeTimers();
    const gate = new ThrottleGate({ timers, initialLimit: 4 });
    const a = await gate.acquire(false);
    const b = await gate.acquire(false);
    a.release({ kind: 'throttled', retryAfterMs: 1000 });
    await timers.advance(500);
    b.release({ kind: 'throttled', retryAfterMs: 1000 });
    const w = track(gate.acquire(false));
    await timers.advance(999);
    expect(w.ticket).toBeNull();
    await timers.advance(1);
    expect(w.ticket).not.toBeNull();
  });

  it('doubles per round trip until the first push-back, then grows by one per window and halves once per congestion event', async () => {
    const timers = new FakeTimers();
    const gate = new ThrottleGate({ timers, initialLimit: 2, maxLimit: 16 });
    const ok = async (): Promise<void> => (await gate.acquire(false)).release({ kind: 'ok' });
    await ok();
    await ok();
    expect(gate.state.limit).toBe(4);
    // Two requests in flight when the service throttles: one cut, not two.
    const x = await gate.acquire(false);
    const y = await gate.acquire(false);
    x.release({ kind: 'throttled', retryAfterMs: null });
    y.release({ kind: 'throttled', retryAfterMs: null });
    expect(gate.state.limit).toBe(2);
    await ok();
    await ok();
    expect(gate.state.limit).toBe(3);
    for (let i = 0; i < 3; i++) await ok();
    expect(gate.state.limit).toBe(4);
    for (let i = 0; i < 4; i++) await ok();
    expect(gate.state.limit).toBe(5);
    // A request sent after the cut that is throttled again cuts again.
    const z = await gate.acquire(false);
    z.release({ kind: 'throttled', retryAfterMs: null });
    expect(gate.state.limit).toBe(2);
    const n = await gate.acquire(false);
    n.release({ kind: 'throttled', retryAfterMs: null });
    expect(gate.state.limit).toBe(1);
    const m = await gate.acquire(false);
    m.release({ kind: 'throttled', retryAfterMs: null });
    expect(gate.state.limit).toBe(1);
  });

  it('after two Retry-After answers, paces sends at the rate Graph let through between them', async () => {
    const timers = new FakeTimers();
    const gate = new ThrottleGate({ timers, initialLimit: 8, maxLimit: 8 });
    (await gate.acquire(false)).release({ kind: 'throttled', retryAfterMs: 1000 });
    await timers.advance(1000);
    for (let i = 0; i < 50; i++) (await gate.acquire(false)).release({ kind: 'ok' });
    await timers.advance(250);
    (await gate.acquire(false)).release({ kind: 'throttled', retryAfterMs: 1000 });
    // 51 answers (the first refusal counts: it used quota too) in 1,250 ms.
    expect(gate.state.gapMs).toBeCloseTo(1250 / 51, 6);
    const windowEnd = timers.now() + 1000;
    const sent: number[] = [];
    for (let i = 0; i < 40; i++) void gate.acquire(false).then((t) => (sent.push(timers.now()), t.release({ kind: 'ok' })));
    await timers.advance(1400);
    expect(sent).toHaveLength(40);
    // What the quota regained during the wait (less a fifth) goes out when the window ends; then the pace.
    const atOnce = sent.filter((t) => t === windowEnd).length;
    expect(atOnce).toBe(Math.floor((0.8 * 1000) / (1250 / 51)));
    const gaps = sent.slice(atOnce).map((t, i) => t - sent[atOnce + i - 1]!);
    expect(sent[0]).toBe(windowEnd);
    expect(gaps.every((g) => g >= 24 && g <= 26)).toBe(true);
  });

  it('never lets more than the limit fly', async () => {
    const timers = new FakeTimers();
    const gate = new ThrottleGate({ timers, initialLimit: 2 });
    await gate.acquire(false);
    const b = await gate.acquire(false);
    const c = track(gate.acquire(false));
    await settle();
    expect(c.ticket).toBeNull();
    b.release({ kind: 'neutral' });
    await settle();
    expect(c.ticket).not.toBeNull();
    expect(gate.state.inFlight).toBe(2);
  });

  it('serves a waiting single lookup before job requests that waited longer', async () => {
    const timers = new FakeTimers();
    const gate = new ThrottleGate({ timers, initialLimit: 1, maxLimit: 1 });
    const held = await gate.acquire(false);
    const order: string[] = [];
    void gate.acquire(false).then((t) => (order.push('job1'), t.release({ kind: 'ok' })));
    void gate.acquire(false).then((t) => (order.push('job2'), t.release({ kind: 'ok' })));
    void gate.acquire(true).then((t) => (order.push('single'), t.release({ kind: 'ok' })));
    held.release({ kind: 'ok' });
    await settle();
    expect(order).toEqual(['single', 'job1', 'job2']);
  });

  it('a cancelled wait leaves the queue', async () => {
    const timers = new FakeTimers();
    const gate = new ThrottleGate({ timers, initialLimit: 1, maxLimit: 1 });
    const held = await gate.acquire(false);
    const ctl = new AbortController();
    const waiting = gate.acquire(false, ctl.signal);
    ctl.abort();
    await expect(waiting).rejects.toMatchObject({ error: { kind: 'cancelled' } });
    held.release({ kind: 'ok' });
    expect(gate.state.inFlight).toBe(0);
  });
});
