import { describe, expect, it } from 'vitest';
import { nextIndex } from '../../../../src-renderer/features/history/list-nav';
import { hostPortLabel, plural, savedLabel } from '../../../../src-renderer/features/history/saved-label';
import { addTags, MAX_TAGS, parseTagInput, removeTag } from '../../../../src-renderer/features/history/tags';

describe('nextIndex (roving focus in the history list)', () => {
  it('moves one row with the arrows and stops at both ends', () => {
    expect(nextIndex('ArrowDown', 0, 3)).toBe(1);
    expect(nextIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextIndex('ArrowUp', 1, 3)).toBe(0);
    expect(nextIndex('ArrowUp', 0, 3)).toBe(0);
  });
  it('jumps with Home, End and the page keys', () => {
    expect(nextIndex('Home', 7, 20)).toBe(0);
    expect(nextIndex('End', 0, 20)).toBe(19);
    expect(nextIndex('PageDown', 15, 20)).toBe(19);
    expect(nextIndex('PageUp', 15, 20)).toBe(5);
  });
  it('lets other keys through and copes with an empty or shrunk list', () => {
    expect(nextIndex('a', 0, 3)).toBeNull();
    expect(nextIndex('Enter', 0, 3)).toBeNull();
    expect(nextIndex('ArrowDown', 0, 0)).toBeNull();
    expect(nextIndex('ArrowUp', 9, 3)).toBe(1);
  });
});

describe('tags', () => {
  it('splits on commas and tidies whitespace', () => {
    expect(parseTagInput(' incident-42 ,vpn,, finance   team ')).toEqual(['incident-42', 'vpn', 'finance team']);
    expect(parseTagInput(' , ')).toEqual([]);
  });
  it('adds only new tags, case-insensitively, keeping order', () => {
    expect(addTags(['VPN'], ['vpn', 'dmz', 'DMZ'])).toEqual({ tags: ['VPN', 'dmz'], problem: null });
  });
  it('refuses tags that are too long or too many', () => {
    expect(addTags([], ['x'.repeat(81)]).problem).toMatch(/80/);
    const full = Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`);
    const r = addTags(full, ['one-more']);
    expect(r.tags).toHaveLength(MAX_TAGS);
    expect(r.problem).toMatch(/50/);
  });
  it('removes exactly the tag named', () => {
    expect(removeTag(['a', 'A', 'b'], 'A')).toEqual(['a', 'b']);
  });
});

describe('labels', () => {
  it('says when a snapshot was saved, exactly and relatively', () => {
    const now = Date.parse('2025-03-03T10:00:00Z');
    expect(savedLabel('2025-03-01T10:00:00.123Z', now)).toBe('Saved 2025-03-01 10:00:00 UTC (2 days ago)');
    expect(savedLabel('not a date', now)).toBe('Saved not a date');
  });
  it('names a host port, bracketing IPv6, falling back to its id', () => {
    expect(hostPortLabel('203.0.113.5', 443, 'id1')).toBe('203.0.113.5:443');
    expect(hostPortLabel('2001:db8::1', 22, 'id2')).toBe('[2001:db8::1]:22');
    expect(hostPortLabel(null, 22, 'id3')).toBe('id3');
    expect(hostPortLabel('example.test', null, 'id4')).toBe('example.test');
  });
  it('pluralises', () => {
    expect(plural(1, 'snapshot')).toBe('1 snapshot');
    expect(plural(1200, 'snapshot')).toBe('1,200 snapshots');
  });
});
