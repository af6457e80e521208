import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ThrottleGate } from '../../../../src-main/core/bulk/gate';
import type { BulkGraph, BulkHit } from '../../../../src-main/core/bulk/graph-calls';
import { BulkService } from '../../../../src-main/core/bulk/service';
import { realTimers } from '../../../../src-main/core/bulk/timers';
import { parseHostPort } from '../../../../src-main/core/graph/parse';

function hit(host: string, port: number, service: string): BulkHit {
  const id = `${host}-${port}`;
  const hostPort = parseHostPort({ id, port, protocol: 'tcp', status: 'open', services: [{ component: { name: service, version: '1' } }] });
  return { hostPortId: id, host, port, hostPort, raw: '{}', url: '' };
}

const graph: BulkGraph = {
  firstPortsUrl: (h) => h,
  async portsPage(_url, host) {
    if (host === '10.9.9.9') return { kind: 'final', error: { kind: 'notFound', message: 'never observed' } };
    return { kind: 'ok', value: { items: [hit(host, 22, host === '10.0.0.2' ? '=cmd()' : 'openssh')], nextLink: null } };
  },
  async hostPort() {
    return { kind: 'retry', error: { kind: 'network', message: 'reset' } };
  },
};

describe('BulkService', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs a job, sorts and filters its rows, exports defused CSV, and reloads it from disk', async () => {
    dir = await mkdtemp(join(tmpdir(), 'portolan-bulk-svc-'));
    const deps = { dir, gate: new ThrottleGate({ timers: realTimers }), timers: realTimers, graph: () => graph, saveHit: async () => 'snap-1' };
    const svc = new BulkService(deps);
    await svc.restore();
    await expect(svc.start('empty', ['nonsense here'])).rejects.toMatchObject({ error: { kind: 'invalidInput', field: 'lines' } });
    const started = await svc.start('INC 1', ['10.0.0.1:22', '10.0.0.2:22', '10.9.9.9:22', 'bad line here', '10.0.0.1:22']);
    expect(started.total).toBe(3);
    await svc.settled(started.id);
    expect(svc.list()[0]).toMatchObject({ state: 'finished', done: 3, failed: 0 });
    const byPortDesc = svc.results({ jobId: started.id, offset: 0, limit: 10, sort: 'target', descending: true, filter: '' });
    expect(byPortDesc.rows.map((r) => r.target)).toEqual(['10.9.9.9:22', '10.0.0.2:22', '10.0.0.1:22']);
    expect(svc.results({ jobId: started.id, offset: 0, limit: 10, sort: 'line', descending: false, filter: 'openssh' }).total).toBe(1);
    const csv = svc.export(started.id, 'csv').content;
    expect(csv).toContain(`"'=cmd() 1"`);
    expect(JSON.parse(svc.export(started.id, 'json').content).rows).toHaveLength(3);
    await svc.close();

    const again = new BulkService(deps);
    await again.restore();
    expect(again.list()[0]).toMatchObject({ id: started.id, state: 'finished', done: 3 });
    await again.close();
  });
});
