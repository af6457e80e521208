// The timeline's axis arithmetic with a fixed "now": extent, zoom (clamped, anchored), drag and slider conversions,
// calendar-aligned UTC ticks; and which rows are drawn (filter, zoomed range, limit) and in what focus order.
import { describe, expect, it } from 'vitest';
import type { TimelineBarView } from '../../../../src-shared/timeline-views';
import { layOut } from '../../../../src-renderer/features/timeline/timeline-layout';
import { barText, selectRows } from '../../../../src-renderer/features/timeline/timeline-rows';
import { clampRange, dataExtent, fromStep, MIN_SPAN, rangeFromPixels, timeTicks, toStep, xOf, zoomBy } from '../../../../src-renderer/features/timeline/time-scale';

const T = (iso: string) => Date.parse(iso);
const NOW = T('2026-11-30T12:00:00Z');
const DAY = 86_400_000;

const bar = (key: string, kind: 'banner' | 'service', label: string, start: string, end: string, detail: string | null = null): TimelineBarView => ({
  key, kind, label, labelLength: label.length, detail, category: null, start: T(start), end: T(end), snapshots: 1,
});

describe('time scale', () => {
  it('spans the data and now, padded by 2% each side', () => {
    const e = dataExtent({ bars: [bar('a', 'banner', 'x', '2016-01-01T00:00:00Z', '2020-01-01T00:00:00Z')], bands: [], marks: [] }, NOW);
    const span = NOW - T('2016-01-01T00:00:00Z');
    expect(e.start).toBeCloseTo(T('2016-01-01T00:00:00Z') - span * 0.02);
    expect(e.end).toBeCloseTo(NOW + span * 0.02);
    // Nothing but now: still a day wide, so the axis has something to show.
    const empty = dataExtent({ bars: [], bands: [], marks: [] }, NOW);
    expect(empty.end - empty.start).toBeCloseTo(DAY * 1.04);
  });

  it('zooms around an anchor, never beyond the extent nor narrower than an hour', () => {
    const extent = { start: 0, end: 1000 * DAY };
    const half = zoomBy(extent, 0.5, 0.5, extent);
    expect(half).toEqual({ start: 250 * DAY, end: 750 * DAY });
    // The anchor's time stays where it was on screen.
    const left = zoomBy({ start: 100 * DAY, end: 200 * DAY }, 0.5, 0.2, extent);
    expect((120 * DAY - left.start) / (left.end - left.start)).toBeCloseTo(0.2);
    expect(zoomBy(half, 4, 0.5, extent)).toEqual(extent);
    const tiny = clampRange({ start: 5 * DAY, end: 5 * DAY + 1000 }, extent);
    expect(tiny.end - tiny.start).toBe(MIN_SPAN);
    // Reversed ends are put in order.
    expect(clampRange({ start: 9 * DAY, end: 3 * DAY }, extent)).toEqual({ start: 3 * DAY, end: 9 * DAY });
  });

  it('turns a drag and slider steps into times', () => {
    const extent = { start: 0, end: 1000 * DAY };
    expect(rangeFromPixels(300, 100, 1000, extent, extent)).toEqual({ start: 100 * DAY, end: 300 * DAY });
    expect(rangeFromPixels(-50, 2000, 1000, { start: 0, end: 500 * DAY }, extent)).toEqual({ start: 0, end: 500 * DAY });
    expect(toStep(250 * DAY, extent)).toBe(250);
    expect(fromStep(250, extent)).toBe(250 * DAY);
    expect(xOf(250 * DAY, { start: 0, end: 500 * DAY }, 800)).toBe(400);
  });

  it('puts ticks on UTC calendar boundaries, no more than asked for', () => {
    const years = timeTicks({ start: T('2015-06-01T00:00:00Z'), end: NOW }, 8);
    expect(years.map((t) => t.label)).toEqual(['2016', '2018', '2020', '2022', '2024', '2026']);
    expect(years.every((t) => new Date(t.ms).toISOString().endsWith('-01-01T00:00:00.000Z'))).toBe(true);
    const months = timeTicks({ start: T('2024-01-15T00:00:00Z'), end: T('2024-07-20T00:00:00Z') }, 8);
    expect(months.map((t) => t.label)).toEqual(['2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07']);
    const hours = timeTicks({ start: T('2024-03-01T10:10:00Z'), end: T('2024-03-01T15:00:00Z') }, 6);
    expect(hours.map((t) => t.label)).toEqual(['03-01 11:00', '03-01 12:00', '03-01 13:00', '03-01 14:00', '03-01 15:00']);
    for (const max of [2, 4, 8, 12]) expect(timeTicks({ start: 0, end: NOW }, max).length).toBeLessThanOrEqual(max);
  });
});

describe('rows', () => {
  const bars = [
    bar('b0', 'banner', 'SSH-2.0-OpenSSH_8.2', '2020-01-01T00:00:00Z', '2020-06-01T00:00:00Z', 'ssh'),
    bar('b1', 'banner', 'HTTP/1.1 200 OK', '2022-01-01T00:00:00Z', '2022-06-01T00:00:00Z', 'http_raw'),
    bar('b2', 'banner', 'HTTP/1.1 404', '2022-02-01T00:00:00Z', '2022-03-01T00:00:00Z', 'http_raw'),
    bar('s0', 'service', 'nginx', '2021-01-01T00:00:00Z', '2023-01-01T00:00:00Z', '1.24.0'),
  ];
  const all = { start: T('2019-01-01T00:00:00Z'), end: NOW };

  it('filters, keeps only what overlaps the zoomed range, and counts what is beyond the limit', () => {
    expect(selectRows(bars, '', all, 2)).toMatchObject({ more: 2, outside: 0, filteredOut: 0 });
    expect(selectRows(bars, '', all, 2).rows.map((r) => r.key)).toEqual(['b0', 'b1']);
    expect(selectRows(bars, ' HTTP ', all, 10).rows.map((r) => r.key)).toEqual(['b1', 'b2']);
    expect(selectRows(bars, 'nginx', all, 10)).toMatchObject({ filteredOut: 3 });
    const zoomed = selectRows(bars, '', { start: T('2021-06-01T00:00:00Z'), end: T('2022-01-15T00:00:00Z') }, 10);
    expect(zoomed.rows.map((r) => r.key)).toEqual(['b1', 's0']);
    expect(zoomed.outside).toBe(2);
  });

  it('shows hostile banner text with its control and bidi characters visible, as one inert line', () => {
    const text = barText(bar('h', 'banner', '<img src=x onerror=alert(1)>\u202Egnp.exe\r\n\u001b[31m', '2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z', 'http_raw'));
    expect(text.startsWith('http_raw: <img src=x onerror=alert(1)>')).toBe(true);
    expect(text).not.toMatch(/[\u202E\r\n\u001b]/);
  });

  it('lays out saves, then certificates, then banners, then services, each with exact UTC dates', () => {
    const marks = [{ snapshotId: 's1', savedAt: '2024-01-01T00:00:00.000Z', ms: T('2024-01-01T00:00:00Z') }];
    const bands = [{ key: 'c0', subject: 'example.org', sha1: null, start: T('2023-01-01T00:00:00Z'), end: T('2024-06-01T00:00:00Z'), snapshots: 1 }];
    const l = layOut(marks, bands, [bars[0]!, bars[3]!], all, 1000);
    expect(l.items.map((i) => i.kind)).toEqual(['mark', 'band', 'banner', 'service']);
    expect(l.items.map((i) => i.y)).toEqual([...l.items.map((i) => i.y)].sort((a, b) => a - b));
    expect(l.items[0]!.lines).toEqual(['Snapshot saved 2024-01-01 00:00:00 UTC']);
    expect(l.items[2]!.lines).toEqual(['Banner: ssh: SSH-2.0-OpenSSH_8.2', 'First seen 2020-01-01 00:00:00 UTC', 'Last seen 2020-06-01 00:00:00 UTC', 'In 1 snapshot']);
    expect(l.headings.map((h) => h.text)).toEqual(['Saves (1)', 'Certificate validity (1)', 'Banners', 'Services']);
  });
});
