import { describe, expect, test, vi } from 'vitest';
import type { Result } from '../../../src-shared/contract';
import type { TimelineBarView, TimelineView } from '../../../src-shared/timeline-views';
import { TimelineState } from './timeline-state.svelte';

// The state takes its loader and clock as arguments; lib/api is never reached.
vi.mock('../../lib/api', () => ({ call: () => Promise.reject(new Error('not used')) }));

const T = (iso: string) => Date.parse(iso);
const NOW = T('2026-01-01T00:00:00Z');
const bar = (i: number): TimelineBarView => ({
  key: `b${i}`, kind: 'banner', label: `banner ${i}`, labelLength: 8, detail: 'ssh', category: null,
  start: T('2020-01-01T00:00:00Z') + i * 86_400_000, end: T('2021-01-01T00:00:00Z'), snapshots: 1,
});
const VIEW: TimelineView = {
  hostPortId: 'hp', host: '203.0.113.5', port: 22, protocol: 'tcp',
  marks: [{ snapshotId: 's1', savedAt: '2025-01-01T00:00:00.000Z', ms: T('2025-01-01T00:00:00Z') }],
  bars: Array.from({ length: 100 }, (_, i) => bar(i)), bands: [], omitted: { banners: 0, services: 0 }, notes: [],
};
const loaded = async (result: Result<TimelineView> = { ok: true, value: VIEW }) => {
  const s = new TimelineState('hp', { load: async () => result, now: () => NOW });
  await s.load();
  return s;
};

describe('TimelineState', () => {
  test('spans the data and the injected now; shows one page of bars and more on request', async () => {
    const s = await loaded();
    expect(s.range.start).toBeLessThan(T('2020-01-01T00:00:00Z'));
    expect(s.range.end).toBeGreaterThan(NOW);
    expect(s.selection.rows).toHaveLength(40);
    expect(s.selection.more).toBe(60);
    s.showMore();
    expect(s.selection.rows).toHaveLength(80);
    s.filter = 'banner 99';
    expect(s.selection.rows.map((r) => r.key)).toEqual(['b99']);
  });

  test('zooms within the extent, counts bars outside it, and resets', async () => {
    const s = await loaded();
    s.zoomTo({ start: T('2022-01-01T00:00:00Z'), end: T('2023-01-01T00:00:00Z') });
    expect(s.zoomed).toBe(true);
    expect(s.selection.rows).toHaveLength(0);
    expect(s.selection.outside).toBe(100);
    s.zoom(1000);
    // Zooming out past the whole extent is the same as no zoom.
    expect(s.zoomed).toBe(false);
    s.zoom(0.5);
    expect(s.zoomed).toBe(true);
    s.resetZoom();
    expect(s.range).toEqual(s.extent);
  });

  test('keeps the error when main cannot build the timeline', async () => {
    const s = await loaded({ ok: false, error: { kind: 'notFound', message: 'That host port has no saved history.', code: 'HISTORY_HOST_PORT_NOT_FOUND' } });
    expect(s.view).toBeNull();
    expect(s.error?.code).toBe('HISTORY_HOST_PORT_NOT_FOUND');
  });
});
