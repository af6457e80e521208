// The comparison panel's host-context lines, and that they count as changes (a snapshot pair whose only
// difference is the reputation is not reported as "No changes").
import { describe, expect, it } from 'vitest';
import type { CompareView } from '../../../../src-shared/views';
import { changeCount } from '../../../../src-renderer/features/history/compare/compare-model';
import { contextLines } from '../../../../src-renderer/features/history/compare/context-changes';
import { portEntry } from '../../../support/host-context-fixtures';

const base: CompareView = {
  before: { id: 'a', hostPortId: 'hp', savedAt: '2026-01-01T00:00:00Z', status: 'open', bannerCount: 0, serviceCount: 0 },
  after: { id: 'b', hostPortId: 'hp', savedAt: '2026-02-01T00:00:00Z', status: 'open', bannerCount: 0, serviceCount: 0 },
  fields: [],
  banners: { added: [], removed: [], changed: [] },
  services: { added: [], removed: [], versionChanged: [] },
  certificate: { changed: false, before: null, after: null },
};

describe('comparison: host context lines', () => {
  it('reads out reputation, ports and names, and counts them', () => {
    const v: CompareView = {
      ...base,
      context: {
        reputation: {
          classification: { before: 'neutral', after: 'malicious' },
          score: { before: 5, after: 90 },
          rulesAdded: [{ name: 'Known C2', severity: 'high', description: null, relatedDetailsUrl: null }],
          rulesRemoved: [],
        },
        ports: { added: [portEntry(3389)], removed: [portEntry(80)] },
        names: { added: ['evil.example'], removed: [] },
      },
    };
    const l = contextLines(v.context);
    expect(l.reputation.map((x) => `${x.tag}: ${x.text}`)).toEqual(['Classification: neutral → malicious', 'Score: 5 → 90', 'New rule: Known C2 (high)']);
    expect(l.ports.map((x) => `${x.tone} ${x.text}`)).toEqual(['added 3389/tcp', 'removed 80/tcp']);
    expect(l.names.map((x) => x.text)).toEqual(['evil.example']);
    expect(changeCount(v)).toBe(6);
    expect(changeCount(base)).toBe(0);
  });
});
