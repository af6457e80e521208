// Compare shows what changed around the host: reputation (classification, score, rules), ports opened or
// closed in the host's port list, and names newly seen in passive DNS or on the same certificate.
import { describe, expect, it } from 'vitest';
import { compareSnapshots } from '../../../src-main/core/history/compare';
import type { SnapshotView } from '../../../src-shared/views';
import { context, dnsPage, portEntry, reputationSection } from '../../support/host-context-fixtures';
import { makeSnapshot } from '../../support/snapshots';

function snap(id: string, extra: Partial<SnapshotView> = {}): SnapshotView {
  const input = makeSnapshot(1, { hostPorts: 1 });
  return { ...input, id, savedAt: input.savedAt ?? '2026-01-01T00:00:00.000Z', ...extra };
}

describe('compare: host context', () => {
  it('reports reputation, port and name changes', () => {
    const before = snap('a', {
      context: context('h.example', [portEntry(22), portEntry(80), portEntry(443, 'udp', 'closed')], {
        reputation: reputationSection('neutral', 10, '2026-01-01T00:00:00.000Z', ['Old rule']),
        passiveDns: dnsPage(['a.example'], '2026-01-01T00:00:00.000Z', null),
      }),
    });
    const after = snap('b', {
      context: context('h.example', [portEntry(22), portEntry(443, 'udp'), portEntry(3389)], {
        reputation: reputationSection('malicious', 95, '2026-02-01T00:00:00.000Z', ['Known C2']),
        passiveDns: dnsPage(['a.example', 'B.example'], '2026-02-01T00:00:00.000Z', null),
      }),
    });
    const c = compareSnapshots(before, after).context!;
    expect(c.reputation?.classification).toEqual({ before: 'neutral', after: 'malicious' });
    expect(c.reputation?.score).toEqual({ before: 10, after: 95 });
    expect(c.reputation?.rulesAdded.map((r) => r.name)).toEqual(['Known C2']);
    expect(c.reputation?.rulesRemoved.map((r) => r.name)).toEqual(['Old rule']);
    expect(c.ports?.added.map((e) => `${e.port}/${e.protocol}`)).toEqual(['443/udp', '3389/tcp']);
    expect(c.ports?.removed.map((e) => `${e.port}/${e.protocol}`)).toEqual(['80/tcp']);
    expect(c.names).toEqual({ added: ['b.example'], removed: [] });
  });

  it('says nothing changed when the context is the same, and compares only what both kept', () => {
    const ctx = context('h.example', [portEntry(22)], { reputation: reputationSection('neutral', 10, '2026-01-01T00:00:00.000Z') });
    const same = compareSnapshots(snap('a', { context: ctx }), snap('b', { context: ctx })).context!;
    expect(same).toEqual({ reputation: { classification: null, score: null, rulesAdded: [], rulesRemoved: [] }, ports: { added: [], removed: [] }, names: null });
    const oneSided = compareSnapshots(snap('a'), snap('b', { context: ctx })).context!;
    expect(oneSided).toEqual({ reputation: null, ports: null, names: null });
    expect('context' in compareSnapshots(snap('a'), snap('b'))).toBe(false);
  });
});
