import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { HistoryPageView, HostPortSummaryView, SnapshotMetaView, SnapshotView } from '../../../src-shared/contract';
import { FakeApi, err, ok } from '../../../test/support/fake-renderer-api';
import { HistoryState } from './history-state.svelte';

let api = new FakeApi();
vi.mock('../../lib/api', () => ({ call: (c: never, r: never) => api.call(c, r), newRequestId: () => api.newRequestId() }));
vi.mock('./download', () => ({ downloadText: vi.fn() }));

const ID = 'example.com:443';
const summary = { hostPortId: ID, note: '', tags: [], pinned: false } as unknown as HostPortSummaryView;
const metas: SnapshotMetaView[] = [{ id: 's2', hostPortId: ID, savedAt: '2026-02-01T00:00:00Z', status: 'open', bannerCount: 0, serviceCount: 0 }];

beforeEach(() => {
  api = new FakeApi();
  api.on('history:list', () => ok({ items: [summary], total: 1 } as HistoryPageView));
  api.on('history:snapshots', () => ok(metas)).on('history:get', (r) => ok({ id: r.snapshotId, hostPortId: ID } as SnapshotView));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('HistoryState', () => {
  test('opening a row shows its entry and remembers the row to come back to', async () => {
    const s = new HistoryState();
    s.open(summary);
    expect(s.entry?.hostPortId).toBe(ID);
    expect(s.returnTo).toBe(ID);
    await vi.waitFor(() => expect(s.entry?.current?.id).toBe('s2'));
    s.back();
    expect(s.entry).toBeNull();
  });

  test('a deleted host port offers Undo until dismissed; Undo restores and says so', async () => {
    vi.useFakeTimers();
    api.on('history:delete', () => ok({ undoToken: 'u1', removed: 2 }));
    api.on('history:undo', () => ok({ restored: 2 }));
    const s = new HistoryState();
    await s.deleteHostPort(ID);
    expect(s.toast).toEqual({ message: 'Deleted the host port and its 2 snapshots.', undoToken: 'u1', hostPortId: ID });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(s.toast?.undoToken).toBe('u1');
    await s.undo();
    expect(api.requests('history:undo')).toEqual([{ undoToken: 'u1' }]);
    expect(s.toast?.message).toBe('Restored 2 snapshots.');
    // A plain outcome goes by itself after a while.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(s.toast).toBeNull();
  });

  test('a refused action is kept for the error panel and dismissed on request', async () => {
    api.on('history:clear', () => err({ kind: 'storage', message: 'read-only' }));
    const s = new HistoryState();
    await s.clearAll();
    expect(s.transferError?.kind).toBe('storage');
    s.dismissError();
    expect(s.transferError).toBeNull();
  });
});
