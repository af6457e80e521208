// Re-run failed, and a job across sign-out and sign-in: the failed targets (and only they) are asked again;
// a sign-out holds a running job with a reason and its token forgotten, a job whose token source says "sign in"
// stops by itself, and either carries on after sign-in with nothing looked up twice and nothing skipped.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ThrottleGate } from '../../../../src-main/core/bulk/gate';
import { createBulkGraph, type BulkGraph } from '../../../../src-main/core/bulk/graph-calls';
import { BulkService } from '../../../../src-main/core/bulk/service';
import { realTimers } from '../../../../src-main/core/bulk/timers';
import { fail } from '../../../../src-main/core/failure';
import { parseHostPort } from '../../../../src-main/core/graph/parse';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../../src-main/core/ports';
import { settle } from '../../../support/fake-timers';
import { eventually } from '../../../support/eventually';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function service(graph: () => BulkGraph, limit = 1): Promise<BulkService> {
  dir = await mkdtemp(join(tmpdir(), 'portolan-bulk-signin-'));
  const svc = new BulkService({ dir, gate: new ThrottleGate({ timers: realTimers, initialLimit: limit, maxLimit: limit }), timers: realTimers, graph });
  await svc.restore();
  return svc;
}

const hostOf = (url: string): string => decodeURIComponent(/\/hosts\/([^/?]+)\/ports/.exec(url)?.[1] ?? '');
const portList = (host: string): HttpResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ value: [{ id: `${host}$22`, port: 22, protocol: 'tcp', status: 'open', host: { id: host } }] }),
});

describe('re-run failed', () => {
  it('asks Graph again for the failed targets only, and the job then finishes with every target answered', async () => {
    const failing = new Set(['10.0.0.2', '10.0.0.4']);
    const asked: string[] = [];
    const graph: BulkGraph = {
      firstPortsUrl: (h) => h,
      async portsPage(_url, host) {
        asked.push(host);
        if (failing.has(host)) return { kind: 'final', error: { kind: 'invalidResponse', message: 'garbled' } };
        const hostPort = parseHostPort({ id: `${host}$22`, port: 22, protocol: 'tcp', status: 'open' });
        return { kind: 'ok', value: { items: [{ hostPortId: `${host}$22`, host, port: 22, hostPort, raw: '{}', url: '' }], nextLink: null } };
      },
      async hostPort() {
        throw new Error('not used');
      },
    };
    const svc = await service(() => graph, 2);
    const lines = ['10.0.0.1:22', '10.0.0.2:22', '10.0.0.3:22', '10.0.0.4:22'];
    const job = await svc.start('rerun', lines);
    await svc.settled(job.id);
    expect(svc.list()[0]).toMatchObject({ state: 'finished', done: 2, failed: 2, remaining: 0 });
    expect(svc.results({ jobId: job.id, offset: 0, limit: 10, sort: 'line', descending: false, filter: '', outcome: 'failed' }).rows.map((r) => r.target)).toEqual(['10.0.0.2:22', '10.0.0.4:22']);

    failing.clear();
    asked.length = 0;
    const rerun = await svc.rerunFailed(job.id);
    expect(rerun.state).toBe('running');
    await svc.settled(job.id);
    expect(asked.sort()).toEqual(['10.0.0.2', '10.0.0.4']);
    expect(svc.list()[0]).toMatchObject({ state: 'finished', done: 4, failed: 0, remaining: 0 });
    // Nothing failed now: a second re-run sends nothing.
    asked.length = 0;
    await svc.rerunFailed(job.id);
    await svc.settled(job.id);
    expect(asked).toEqual([]);
    await svc.close();
  });
});

/** A Graph whose answers the test releases one by one, and a token source that can be signed out. */
function heldGraph() {
  const sent: { host: string; bearer: string; done: boolean; release: () => void }[] = [];
  let signedIn = 'token-A';
  const tokens = {
    async getToken() {
      if (!signedIn) throw fail('signInRequired', 'Sign in to look this up.');
      return signedIn;
    },
  };
  const transport: HttpTransport = (req: HttpRequest) =>
    new Promise<HttpResponse>((resolve) => {
      const host = hostOf(req.url);
      sent.push({
        host,
        bearer: req.headers?.authorization ?? '',
        done: false,
        release() {
          this.done = true;
          resolve(portList(host));
        },
      });
    });
  const graph = createBulkGraph({ transport, serviceRoot: 'https://graph.test', apiVersion: 'v1.0', tokens, timers: realTimers });
  return {
    graph,
    sent,
    signIn: (t: string) => void (signedIn = t),
    signOut: () => void (signedIn = ''),
    /** Answers every request as it arrives until none is left waiting. */
    async answerAll(): Promise<void> {
      for (let quiet = 0; quiet < 3; ) {
        const open = sent.filter((s) => !s.done);
        for (const s of open) s.release();
        quiet = open.length ? 0 : quiet + 1;
        await settle();
      }
    },
  };
}

const LINES = ['10.1.0.1:22', '10.1.0.2:22', '10.1.0.3:22', '10.1.0.4:22', '10.1.0.5:22'];

describe('a job across sign-out and sign-in', () => {
  it('holds on sign-out with a clear reason, sends nothing meanwhile, and resumes after sign-in with the new token', async () => {
    const g = heldGraph();
    const svc = await service(() => g.graph);
    const job = await svc.start('signout', LINES);
    await settle();
    expect(g.sent.map((s) => s.bearer)).toEqual(['Bearer token-A']);

    g.signOut();
    svc.holdForSignIn(false);
    const held = svc.list()[0]!;
    expect(held.state).toBe('stopped');
    expect(held.stopError).toMatchObject({ kind: 'signInRequired' });
    // The request already on its way is answered and counts; nothing new leaves while signed out.
    g.sent[0]!.release();
    await settle();
    await settle();
    expect(g.sent).toHaveLength(1);
    await eventually(() => expect(svc.list()[0]).toMatchObject({ state: 'stopped', done: 1 }));

    g.signIn('token-B');
    svc.resumeAfterSignIn();
    expect(svc.list()[0]!.state).toBe('running');
    await g.answerAll();
    await svc.settled(job.id);
    expect(svc.list()[0]).toMatchObject({ state: 'finished', done: 5, failed: 0, remaining: 0 });
    expect(g.sent.map((s) => s.host).sort()).toEqual(LINES.map((l) => l.slice(0, -3)).sort());
    // Every request after the sign-out carried the new account's token, not the one held before.
    expect(g.sent.slice(1).every((s) => s.bearer === 'Bearer token-B')).toBe(true);
    await svc.close();
  });

  it('stops by itself when the token source asks for sign-in, and carries on after sign-in, none skipped', async () => {
    const g = heldGraph();
    g.signOut();
    const svc = await service(() => g.graph);
    const job = await svc.start('expired', LINES);
    await settle();
    await settle();
    const stopped = svc.list()[0]!;
    expect(stopped.state).toBe('stopped');
    expect(stopped.stopError).toMatchObject({ kind: 'signInRequired' });
    expect(g.sent).toHaveLength(0);
    // Jobs held for another reason are not touched by a sign-in; this one is.
    g.signIn('token-C');
    svc.resumeAfterSignIn();
    await g.answerAll();
    await svc.settled(job.id);
    expect(svc.list()[0]).toMatchObject({ state: 'finished', done: 5, failed: 0 });
    expect(g.sent).toHaveLength(5);
    expect(new Set(g.sent.map((s) => s.host)).size).toBe(5);
    await svc.close();
  });
});
