import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { BulkJobStatusView, BulkResultRowView } from '../../../src-shared/bulk-views';
import { FakeApi, err, ok } from '../../../test/support/fake-renderer-api';
import { BULK_PAGE_SIZE, BulkState, reuseUnchanged } from './bulk-state.svelte';

let api = new FakeApi();
vi.mock('../../lib/api', () => ({ call: (c: never, r: never) => api.call(c, r), newRequestId: () => api.newRequestId() }));
vi.mock('../history/download', () => ({ downloadText: vi.fn() }));

function job(over: Partial<BulkJobStatusView> = {}): BulkJobStatusView {
  return {
    id: 'job-1',
    name: 'INC-1',
    createdAt: '2026-11-30T00:00:00.000Z',
    state: 'running',
    total: 450,
    done: 0,
    failed: 0,
    remaining: 450,
    requests: 0,
    perMinute: 0,
    etaSeconds: null,
    graphWaitSeconds: 0,
    stopError: null,
    ...over,
  };
}

function row(i: number, outcome: BulkResultRowView['outcome'] = 'pending'): BulkResultRowView {
  const target = `10.0.${i >> 8}.${i & 255}:22`;
  const hit =
    outcome === 'found'
      ? { hostPortId: `${target}-id`, host: target.slice(0, -3), port: 22, protocol: 'tcp', status: 'open', bannerCount: 1, serviceCount: 0, topServices: [], certificateSubject: null, snapshotId: `s${i}` }
      : null;
  return { key: `k${i}`, line: i + 1, target, outcome, hit, error: outcome === 'failed' ? { kind: 'network', message: 'reset' } : null };
}

/** 450 rows in main, answered a page at a time as the request asks; `found` rows are found, the rest pending. */
function serveRows(found = 0): void {
  api.on('bulk:results', (r) => {
    const all = Array.from({ length: 450 }, (_, i) => row(i, i < found ? 'found' : 'pending'));
    const offset = r.offset ?? 0;
    return ok({ rows: all.slice(offset, offset + (r.limit ?? 200)), total: all.length });
  });
}

beforeEach(() => {
  api = new FakeApi();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BulkState', () => {
  test('the preview reads pasted lines with the shared reader: targets, refusals and duplicates', () => {
    const s = new BulkState();
    s.text = '10.0.0.1:22\nnot a host at all\n10.0.0.1:22\nhxxps://evil[.]example';
    expect(s.plan.targets).toHaveLength(2);
    expect(s.plan.rejected.map((r) => r.line)).toEqual([2]);
    expect(s.plan.duplicates.map((d) => d.line)).toEqual([3]);
  });

  test('a CSV file offers its columns, picks host and port by header, and names the job after the file', () => {
    const s = new BulkState();
    s.loadFile('alerts.csv', 'time,ip,dst port\n1,10.0.0.1,443\n2,10.0.0.2,22\n');
    expect(s.csvColumns).toEqual(['time', 'ip', 'dst port']);
    expect([s.hostColumn, s.portColumn]).toEqual([1, 2]);
    expect(s.plan.targets.map((t) => (t.kind === 'port' ? `${t.host}:${t.port}` : t.kind))).toEqual(['10.0.0.1:443', '10.0.0.2:22']);
    expect(s.name).toBe('alerts');
  });

  test('start sends the lines read in main; a refusal shows as a typed error', async () => {
    api.on('bulk:start', () => err({ kind: 'invalidInput', message: 'Nothing to look up', field: 'lines' }));
    const s = new BulkState();
    s.text = '10.0.0.1:22';
    await s.start();
    expect(api.requests('bulk:start')).toEqual([{ name: expect.stringMatching(/^Bulk /), lines: ['10.0.0.1:22'] }]);
    expect(s.error).toMatchObject({ kind: 'invalidInput', field: 'lines' });
    expect(s.job).toBeNull();
  });

  test('every row is reachable: pages of rows by offset, and a new sort or filter starts at the first page again', async () => {
    vi.useFakeTimers();
    api.on('bulk:start', () => ok(job({ state: 'finished', done: 450, remaining: 0 })));
    serveRows(450);
    const s = new BulkState();
    s.text = '10.0.0.1:22';
    await s.start();
    expect(s.total).toBe(450);
    expect(s.rows).toHaveLength(BULK_PAGE_SIZE);
    expect([s.hasPrevious, s.hasNext]).toEqual([false, true]);
    s.nextPage();
    await vi.waitFor(() => expect(s.offset).toBe(200));
    await vi.waitFor(() => expect(s.rows[0]?.line).toBe(201));
    s.nextPage();
    await vi.waitFor(() => expect(s.rows[0]?.line).toBe(401));
    expect(s.rows).toHaveLength(50);
    expect(s.hasNext).toBe(false);
    s.nextPage();
    expect(s.offset).toBe(400);
    s.previousPage();
    await vi.waitFor(() => expect(s.rows[0]?.line).toBe(201));
    expect(api.requests('bulk:results').map((r) => r.offset)).toEqual([0, 200, 400, 200]);

    s.sortBy('port');
    expect(s.offset).toBe(0);
    s.sortBy('port');
    expect(s.descending).toBe(true);
    s.filter = 'open';
    await vi.waitFor(() => expect(api.requests('bulk:results').at(-1)).toMatchObject({ offset: 0, sort: 'port', descending: true, filter: 'open', limit: BULK_PAGE_SIZE }));
  });

  test('a late rows answer never replaces a newer page', async () => {
    api.on('bulk:start', () => ok(job({ state: 'finished' })));
    serveRows();
    const s = new BulkState();
    s.text = '10.0.0.1:22';
    await s.start();
    api.hold('bulk:results');
    s.nextPage();
    s.nextPage();
    const [first, second] = api.held('bulk:results');
    second!.answer(ok({ rows: [row(400)], total: 450 }));
    await vi.waitFor(() => expect(s.rows[0]?.line).toBe(401));
    first!.answer(ok({ rows: [row(200)], total: 450 }));
    await Promise.resolve();
    await Promise.resolve();
    expect(s.rows[0]?.line).toBe(401);
  });

  test('while a job runs, a poll with no new answers asks for no rows; a new answer refreshes only the rows that changed', async () => {
    vi.useFakeTimers();
    api.on('bulk:start', () => ok(job()));
    serveRows(0);
    let status = job();
    api.on('bulk:status', () => ok({ jobs: [status] }));
    const s = new BulkState();
    s.text = '10.0.0.1:22';
    await s.start();
    const firstPage = s.rows;
    const asked = () => api.requests('bulk:results').length;
    await vi.advanceTimersByTimeAsync(500);
    const afterFirstPoll = asked();
    // Nothing moved: three more polls, no rows requested.
    await vi.advanceTimersByTimeAsync(1500);
    expect(asked()).toBe(afterFirstPoll);
    expect(s.rows).toBe(firstPage);

    status = job({ done: 3, remaining: 447 });
    serveRows(3);
    await vi.advanceTimersByTimeAsync(500);
    expect(asked()).toBe(afterFirstPoll + 1);
    expect(s.rows.slice(0, 3).map((r) => r.outcome)).toEqual(['found', 'found', 'found']);
    // The rows that did not change are the very same objects, so the table leaves them alone.
    expect(s.rows[3]).toBe(firstPage[3]);
    expect(s.rows[199]).toBe(firstPage[199]);
    expect(s.rows[0]).not.toBe(firstPage[0]);

    status = job({ state: 'finished', done: 450, remaining: 0 });
    await vi.advanceTimersByTimeAsync(500);
    const atFinish = asked();
    await vi.advanceTimersByTimeAsync(5000);
    // A finished job is not polled any more.
    expect(asked()).toBe(atFinish);
    s.dispose();
  });

  test('reuseUnchanged gives the same array back when nothing changed', () => {
    const a = [row(1), row(2, 'found')];
    expect(reuseUnchanged(a, [row(1), row(2, 'found')])).toBe(a);
    const b = reuseUnchanged(a, [row(1), row(2, 'failed')]);
    expect(b).not.toBe(a);
    expect(b[0]).toBe(a[0]);
  });
});
