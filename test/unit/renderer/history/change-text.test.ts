import { describe, expect, it } from 'vitest';
import type { SnapshotChangeView } from '../../../../src-shared/contract';
import { changeText } from '../../../../src-renderer/features/history/change-text';
import { parseSort, SORT_CHOICES, sortValue, toSelection, EMPTY_FILTERS } from '../../../../src-renderer/features/history/history-filters';

const none: SnapshotChangeView = {
  hasPrevious: true,
  changed: false,
  bannersAdded: 0,
  bannersRemoved: 0,
  servicesAdded: 0,
  servicesRemoved: 0,
  servicesChanged: 0,
  certificateChanged: false,
  fields: [],
};

describe('change text of a snapshot row', () => {
  it('says what changed, or that nothing did, or that there is nothing before it', () => {
    expect(changeText({ ...none, changed: true, bannersAdded: 2, bannersRemoved: 1, servicesAdded: 1, servicesChanged: 1, certificateChanged: true, fields: ['status'] })).toBe(
      'changed: banners +2 −1, services +1 1 version changed, certificate, status',
    );
    expect(changeText({ ...none, changed: true, bannersRemoved: 3 })).toBe('changed: banners −3');
    expect(changeText(none)).toBe('no change');
    expect(changeText({ ...none, hasPrevious: false })).toBe('first snapshot');
    expect(changeText(undefined)).toBe('');
  });
});

describe('sort choices', () => {
  it('round-trip through the select value; an unknown value is the default order', () => {
    for (const c of SORT_CHOICES) expect(sortValue(parseSort(c.value))).toBe(c.value);
    expect(parseSort('banner:asc')).toEqual({ sort: 'saved', order: 'desc' });
    expect(toSelection({ ...EMPTY_FILTERS, text: ' nginx ', port: '443', from: '2024-01-01' }, { sort: 'host', order: 'asc' })).toEqual({
      text: 'nginx',
      port: 443,
      from: '2024-01-01',
      sort: 'host',
      order: 'asc',
    });
  });
});
