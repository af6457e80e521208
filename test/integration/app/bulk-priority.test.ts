// Single lookups go first, in the real wiring: createCore with its one shared gate, the node transport and a
// local Graph stand-in. While a bulk job has requests on their way and more queued, a lookup the analyst makes
// takes the next free slot, ahead of every bulk request still waiting.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-shared/contract';
import { settle } from '../../support/fake-timers';
import type { Fault } from '../../support/graph-server';
import { eventually } from '../../support/eventually';
import { apiRequests, useAppHarness } from './harness';

const held: { url: string; answer: (f: Fault | void) => void }[] = [];
const app = useAppHarness({
  name: 'bulk-prio',
  beforeTeardown: () => {
    // Whatever is still held is let go, so the core can close.
    for (const h of held) h.answer();
    held.length = 0;
  },
});

const ID = 'priority-single-1';
const HOSTS = Array.from({ length: 12 }, (_, i) => `10.3.0.${i + 1}`);

describe('single lookups during a bulk job (real wiring)', () => {
  it('a lookup issued while the job has queued requests is sent before any of them', async () => {
    const g = await app.graph({
      scenarios: false,
      hostPorts: { [ID]: { id: ID, port: 443, protocol: 'tcp', status: 'open', host: { id: '192.0.2.10' } } },
      requireToken: 'prio-token',
    });
    // Every listing of the job's hosts waits for the test to answer it.
    g.setFault(/\/hosts\/10\.3\./, { kind: 'hold', until: (req) => new Promise((answer) => held.push({ url: req.url, answer })) });
    const c = await app.core({ staticToken: 'prio-token', overrides: { graphBaseUrl: g.url } });
    const api = () => apiRequests(g);
    const isSingle = (url: string) => url.includes(`/hostPorts/${ID}`);

    const started = await dispatch(c.handlers, 'bulk:start', { name: 'priority', lines: HOSTS.map((h) => `${h}:22`) });
    expect(started.ok).toBe(true);
    // The gate starts with two slots: two listings are on their way, the other ten wait.
    await eventually(() => expect(held).toHaveLength(2));
    await settle();
    expect(api()).toHaveLength(2);

    const lookup = dispatch(c.handlers, 'lookup:run', { requestId: 'single', hostPortId: ID });
    await settle();
    // Free one slot at a time: a 500 neither grows nor cuts the gate's window, so exactly one waiter goes next.
    for (let i = 0; i < 4 && !api().some((q) => isSingle(q.url)); i++) {
      const before = api().length;
      held[i]!.answer({ kind: 'status', status: 500 });
      await eventually(() => expect(api().length).toBeGreaterThan(before));
    }
    const order = api().map((q) => (isSingle(q.url) ? 'single' : 'bulk'));
    // Only the two listings already on their way went before it; none of the queued ones did.
    expect(order.slice(0, 3)).toEqual(['bulk', 'bulk', 'single']);
    const r = await lookup;
    expect(r).toMatchObject({ ok: true, value: { hostPort: { id: ID } } });
  });
});
