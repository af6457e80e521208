import { describe, expect, it, vi } from 'vitest';
import type { PortolanApi, ProxyChallengeView } from '../../../src-shared/contract';
import { EMPTY_USERNAME, ProxyLoginFlow, type ProxyLoginSnapshot } from '../../../src-renderer/app/proxy-login';

const A: ProxyChallengeView = { id: 'c1', host: 'proxy.corp.example', port: 3128, realm: 'Corp', scheme: 'basic' };
const B: ProxyChallengeView = { ...A, id: 'c2', port: 8080 };

/** A fake main holding a queue of challenges, recording every call. */
function fakeMain(queue: ProxyChallengeView[], opts: { answerFails?: boolean } = {}) {
  const calls: [string, unknown][] = [];
  const invoke = vi.fn(async (channel: string, request: unknown) => {
    calls.push([channel, request]);
    if (channel === 'proxyLogin:pending') return { ok: true, value: { challenge: queue[0] ?? null } };
    if (opts.answerFails) return { ok: false, error: { kind: 'internal', message: 'main is gone' } };
    const id = (request as { id: string }).id;
    const answered = queue[0]?.id === id;
    if (answered) queue.shift();
    return { ok: true, value: { answered } };
  }) as unknown as PortolanApi['invoke'];
  return { invoke, calls };
}

function flow(main: ReturnType<typeof fakeMain>) {
  const seen: ProxyLoginSnapshot[] = [];
  return { flow: new ProxyLoginFlow(main.invoke, (s) => seen.push(s)), seen };
}

describe('proxy login flow', () => {
  it('pulls the waiting challenge, sends the answer, then shows the next one', async () => {
    const main = fakeMain([A, B]);
    const { flow: f } = flow(main);
    await f.refresh();
    expect(f.snapshot.challenge).toEqual(A);
    await f.submit('jdoe', 'pw');
    expect(main.calls).toContainEqual(['proxyLogin:answer', { id: 'c1', username: 'jdoe', password: 'pw' }]);
    expect(f.snapshot).toEqual({ challenge: B, busy: false, error: null });
    await f.cancel();
    expect(main.calls).toContainEqual(['proxyLogin:answer', { id: 'c2', cancel: true }]);
    expect(f.snapshot.challenge).toBeNull();
  });

  it('nothing waiting (the web preview): no dialog', async () => {
    const main = fakeMain([]);
    const { flow: f } = flow(main);
    await f.refresh();
    expect(f.snapshot.challenge).toBeNull();
    await f.cancel();
    expect(main.calls.filter(([c]) => c === 'proxyLogin:answer')).toHaveLength(0);
  });

  it('an empty user name is not sent', async () => {
    const main = fakeMain([A]);
    const { flow: f } = flow(main);
    await f.refresh();
    await f.submit('  ', 'pw');
    expect(f.snapshot.error).toEqual(EMPTY_USERNAME);
    expect(main.calls.filter(([c]) => c === 'proxyLogin:answer')).toHaveLength(0);
  });

  it('a failed answer keeps the challenge open with the error, and keeps no password in its state', async () => {
    const main = fakeMain([A], { answerFails: true });
    const { flow: f, seen } = flow(main);
    await f.refresh();
    await f.submit('jdoe', 'top-secret-pw');
    expect(f.snapshot).toMatchObject({ challenge: A, busy: false, error: { kind: 'internal' } });
    expect(JSON.stringify(seen)).not.toContain('top-secret-pw');
  });

  it('a challenge that timed out in main closes and the next is shown', async () => {
    const queue = [A];
    const main = fakeMain(queue);
    const { flow: f } = flow(main);
    await f.refresh();
    queue.splice(0, 1, B); // main gave up on A and a new request arrived
    await f.submit('jdoe', 'pw');
    expect(f.snapshot.challenge).toEqual(B);
  });
});
