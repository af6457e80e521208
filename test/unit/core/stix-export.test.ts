// history:exportStix through the service handlers and a fake history port: what each request exports, that the
// file validates against the OASIS STIX 2.1 schemas and spec checks, and that the contract refuses a request naming both a snapshot and host ports.
import { describe, expect, it } from 'vitest';
import type { HistoryPageView, SnapshotView } from '../../../src-shared/views';
import { channels } from '../../../src-shared/contract';
import { exportStix, type StixHistory } from '../../../src-main/core/stix/export';
import { makeSnapshot } from '../../support/snapshots';
import { validateStixBundle } from '../../support/stix-validator';

function fakeHistory(count: number): StixHistory & { gets: string[] } {
  const all: SnapshotView[] = Array.from({ length: count }, (_, i) => ({ ...makeSnapshot(i, { hostPorts: 2 }), id: `s${i}` }) as SnapshotView);
  const gets: string[] = [];
  const ids = [...new Set(all.map((s) => s.hostPortId))];
  return {
    gets,
    list(q): HistoryPageView {
      const chosen = q.hostPortId ? ids.filter((id) => id === q.hostPortId) : ids;
      const items = chosen.slice(q.offset, q.offset + q.limit).map((id) => {
        const latest = all.filter((s) => s.hostPortId === id).at(-1)!;
        return { hostPortId: id, host: latest.host, port: latest.port, status: null, protocol: null, snapshotCount: 1, latestAt: latest.savedAt, latestSnapshotId: latest.id, pinned: false, tags: ['t1'], note: `note for ${id}` };
      });
      return { items, total: chosen.length };
    },
    snapshots: (hostPortId) =>
      all
        .filter((s) => s.hostPortId === hostPortId)
        .reverse()
        .map((s) => ({ id: s.id, hostPortId, savedAt: s.savedAt, status: null, bannerCount: 0, serviceCount: 0 })),
    get(id) {
      gets.push(id);
      const s = all.find((x) => x.id === id);
      if (!s) throw new Error('missing');
      return s;
    },
  };
}

type Bundle = { objects: { type: string; content?: string; object_refs?: string[] }[] };
const parse = (content: string) => JSON.parse(content) as Bundle;
const count = (b: Bundle, t: string) => b.objects.filter((o) => o.type === t).length;

describe('exportStix', () => {
  it('exports one snapshot with its host port note', async () => {
    const h = fakeHistory(4);
    const out = await exportStix(h, { snapshotId: 's1' }, '2026-01-02');
    expect(out.filename).toBe('portolan-stix-snapshot-2026-01-02.json');
    expect(out.mime).toBe('application/stix+json;version=2.1');
    const b = parse(out.content);
    expect(validateStixBundle(b)).toEqual([]);
    expect(count(b, 'observed-data')).toBe(1);
    expect(b.objects.find((o) => o.type === 'note')?.content).toMatch(/^note for /);
  });

  it('exports a host port’s whole history, oldest snapshot first', async () => {
    const h = fakeHistory(6);
    const id = (await h.list({ text: '', offset: 0, limit: 1 })).items[0]!.hostPortId;
    const out = await exportStix(h, { hostPortIds: [id] }, '2026-01-02');
    expect(out.filename).toContain('stix-host-port-');
    const b = parse(out.content);
    expect(validateStixBundle(b)).toEqual([]);
    expect(count(b, 'observed-data')).toBe(3);
    expect(h.gets).toEqual(['s0', 's2', 's4']);
  });

  it('exports every host port when none is named, the same bytes each time', async () => {
    const h = fakeHistory(6);
    const a = await exportStix(h, {}, '2026-01-02');
    const b = await exportStix(h, {}, '2026-01-02');
    expect(a.filename).toBe('portolan-stix-history-2026-01-02.json');
    expect(validateStixBundle(parse(a.content))).toEqual([]);
    expect(count(parse(a.content), 'observed-data')).toBe(6);
    expect(count(parse(a.content), 'note')).toBe(2);
    expect(a.content).toBe(b.content);
  });
});

describe('the history:exportStix contract', () => {
  it('takes a snapshot, host ports or nothing, never both', () => {
    const schema = channels['history:exportStix'];
    expect(schema.safeParse({}).success).toBe(true);
    expect(schema.safeParse({ snapshotId: 's1' }).success).toBe(true);
    expect(schema.safeParse({ hostPortIds: ['a'] }).success).toBe(true);
    expect(schema.safeParse({ snapshotId: 's1', hostPortIds: ['a'] }).success).toBe(false);
    expect(schema.safeParse({ hostPortIds: [] }).success).toBe(false);
    expect(schema.safeParse({ format: 'stix' }).success).toBe(false);
  });
});
