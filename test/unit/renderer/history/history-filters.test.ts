import { describe, expect, it } from 'vitest';
import { activeFilterCount, EMPTY_FILTERS, toHistoryQuery, type HistoryFilters } from '../../../../src-renderer/features/history/history-filters';

const filters = (patch: Partial<HistoryFilters>): HistoryFilters => ({ ...EMPTY_FILTERS, ...patch });

describe('toHistoryQuery', () => {
  it('sends only what is set, with the paging asked for', () => {
    expect(toHistoryQuery(EMPTY_FILTERS, 0, 50)).toEqual({ query: { text: '', offset: 0, limit: 50 }, problems: {} });
    const { query, problems } = toHistoryQuery(
      filters({ text: '  nginx ', status: 'open', protocol: 'tcp', port: ' 443 ', tag: ' vpn ', from: '2025-01-01', to: '2025-02-01' }),
      50,
      50,
    );
    expect(problems).toEqual({});
    expect(query).toEqual({ text: 'nginx', status: 'open', protocol: 'tcp', port: 443, tag: 'vpn', from: '2025-01-01', to: '2025-02-01', offset: 50, limit: 50 });
  });

  it('reports a port out of range and leaves it out instead of failing the request', () => {
    for (const port of ['0', '65536', '22a', '-1', '1.5']) {
      const r = toHistoryQuery(filters({ port }), 0, 50);
      expect(r.problems.port).toMatch(/1–65535/);
      expect(r.query.port).toBeUndefined();
    }
    expect(toHistoryQuery(filters({ port: '65535' }), 0, 50).query.port).toBe(65535);
  });

  it('reports a from date after the to date and applies neither', () => {
    const r = toHistoryQuery(filters({ from: '2025-03-01', to: '2025-02-01' }), 0, 50);
    expect(r.problems.dates).toBeDefined();
    expect(r.query.from).toBeUndefined();
    expect(r.query.to).toBeUndefined();
    // The same day on both ends is one whole day, not a problem.
    expect(toHistoryQuery(filters({ from: '2025-03-01', to: '2025-03-01' }), 0, 50).problems).toEqual({});
  });

  it('ignores a half-typed date', () => {
    expect(toHistoryQuery(filters({ from: '2025-0' }), 0, 50).query.from).toBeUndefined();
  });

  it('caps the search text at what the contract accepts', () => {
    expect(toHistoryQuery(filters({ text: 'x'.repeat(900) }), 0, 50).query.text).toHaveLength(500);
  });
});

describe('activeFilterCount', () => {
  it('counts filters but not the search text', () => {
    expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
    expect(activeFilterCount(filters({ text: 'x', status: 'open', port: '22' }))).toBe(2);
    expect(activeFilterCount(filters({ tag: '   ' }))).toBe(0);
  });
});
