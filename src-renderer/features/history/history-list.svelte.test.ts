import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { HistoryPageView, HostPortSummaryView } from '../../../src-shared/contract';
import { FakeApi, err, ok } from '../../../test/support/fake-renderer-api';
import { HistoryListState, PAGE_SIZE } from './history-list.svelte';

let api = new FakeApi();
vi.mock('../../lib/api', () => ({ call: (c: never, r: never) => api.call(c, r), newRequestId: () => api.newRequestId() }));

const row = (n: number): HostPortSummaryView => ({ hostPortId: `host${n}.example:443` }) as HostPortSummaryView;
const page = (from: number, count: number, total: number): HistoryPageView =>
  ({ items: Array.from({ length: count }, (_, i) => row(from + i)), total }) as HistoryPageView;

beforeEach(() => {
  api = new FakeApi();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('HistoryListState', () => {
  test('the first page, then "load more" appends the next one at its offset', async () => {
    api.on('history:list', (q) => ok(page(q.offset ?? 0, Math.min(q.limit ?? PAGE_SIZE, 70 - (q.offset ?? 0)), 70)));
    const s = new HistoryListState();
    expect(s.loaded).toBe(false);
    await s.reload();
    expect(s.loaded).toBe(true);
    expect(s.items).toHaveLength(PAGE_SIZE);
    expect(s.hasMore).toBe(true);
    await s.loadMore();
    expect(api.requests('history:list').map((q) => [q.offset, q.limit])).toEqual([[0, PAGE_SIZE], [PAGE_SIZE, PAGE_SIZE]]);
    expect(s.items).toHaveLength(70);
    expect(s.hasMore).toBe(false);
    expect(s.indexOf('host69.example:443')).toBe(69);
  });

  test('typing in a text filter waits for a pause; a choice filter asks at once', async () => {
    vi.useFakeTimers();
    api.on('history:list', () => ok(page(0, 1, 1)));
    const s = new HistoryListState();
    s.setFilter('text', 'n');
    s.setFilter('text', 'ng');
    s.setFilter('text', 'nginx');
    expect(api.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(250);
    expect(api.requests('history:list').map((q) => q.text)).toEqual(['nginx']);
    s.setFilter('status', 'open');
    expect(api.requests('history:list').at(-1)).toMatchObject({ text: 'nginx', status: 'open' });
    expect(s.filters.status).toBe('open');
  });

  test('an older answer arriving after a newer one does not overwrite the list', async () => {
    api.hold('history:list');
    const s = new HistoryListState();
    const first = s.reload();
    const second = s.reload();
    const [older, newer] = api.held('history:list');
    newer?.answer(ok(page(100, 2, 2)));
    await second;
    older?.answer(ok(page(0, 5, 5)));
    await first;
    expect(s.items.map((i) => i.hostPortId)).toEqual(['host100.example:443', 'host101.example:443']);
    expect(s.total).toBe(2);
    expect(s.loading).toBe(false);
  });

  test('an error is kept for the panel and the list counts as loaded; bad filters are problems, not requests of garbage', async () => {
    api.on('history:list', () => err({ kind: 'storage', message: 'disk' }));
    const s = new HistoryListState();
    await s.reload();
    expect(s.loaded).toBe(true);
    expect(s.error?.kind).toBe('storage');
    api.on('history:list', () => ok(page(0, 0, 0)));
    s.setFilter('from', '2026-05-01');
    s.setFilter('to', '2026-01-01');
    await vi.waitFor(() => expect(s.error).toBeNull());
    expect(s.problems.dates).toBeTruthy();
  });

  test('the focused row stays within the rows loaded', async () => {
    api.on('history:list', () => ok(page(0, 3, 3)));
    const s = new HistoryListState();
    await s.reload();
    s.active = 10;
    expect(s.active).toBe(2);
    await s.reload();
    expect(s.active).toBe(0);
  });

  test('a chosen order goes with every page and reload, and the export selection is the query of the list itself', async () => {
    api.on('history:list', (q) => ok(page(q.offset ?? 0, 1, 3)));
    const s = new HistoryListState();
    s.setFilter('status', 'open');
    s.setSort({ sort: 'port', order: 'asc' });
    await s.loadMore();
    await s.refresh();
    expect(api.requests('history:list').slice(-3).map((q) => [q.sort, q.order, q.status])).toEqual([
      ['port', 'asc', 'open'],
      ['port', 'asc', 'open'],
      ['port', 'asc', 'open'],
    ]);
    expect(s.sort).toEqual({ sort: 'port', order: 'asc' });
    expect(s.selection).toEqual({ text: '', status: 'open', sort: 'port', order: 'asc' });
  });
});
