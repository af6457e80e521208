// The quick validity test of imported snapshots must never accept what the schema refuses: every member of real
// snapshots is replaced by values of the wrong kind (or removed), and whatever the quick test accepts, the schema
// must accept too. It must also accept real snapshots, or imports would gain nothing from it.
import { describe, expect, it } from 'vitest';
import type { SnapshotView } from '../../../src-shared/views';
import { snapshotSchema } from '../../../src-main/core/history/export-format';
import { surelyValidSnapshot } from '../../../src-main/core/history/snapshot-check';
import { context, portEntry, reputationSection } from '../../support/host-context-fixtures';
import { makeSnapshotView } from '../../support/snapshots';

function view(i: number): SnapshotView {
  const v = makeSnapshotView(i, { id: `00000000${i}-abcdef`, hostPorts: 5 });
  if (i % 2 === 1) v.context = context('example.com', [portEntry(443)], { reputation: reputationSection('neutral', 3, '2026-01-02T03:05:00.000Z') });
  return JSON.parse(JSON.stringify(v)) as SnapshotView;
}

const REMOVE = Symbol('remove');
const REPLACEMENTS: unknown[] = [REMOVE, null, 0, 1.5, -1, '', 'x', 'not a date', true, [], {}, [1], ['x'], { raw: null, ms: null }];

/** Every path to a member (objects and arrays, all levels) of a JSON value. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null) return [];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((k) => [[...at, k], ...paths((v as Record<string | number, unknown>)[k], [...at, k])]);
}

function mutated(base: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string | number, unknown>;
  let target = copy;
  for (const k of path.slice(0, -1)) target = target[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === REMOVE) {
    if (Array.isArray(target)) target.splice(last as number, 1);
    else delete target[last];
  } else target[last] = value;
  return copy;
}

describe('quick snapshot validity test', () => {
  it('accepts real snapshots, with and without a host context, as the schema does', () => {
    for (let i = 0; i < 20; i++) {
      const v = view(i);
      expect(snapshotSchema.safeParse(v).success).toBe(true);
      expect(surelyValidSnapshot(v)).toBe(true);
    }
  });

  it('never accepts a snapshot the schema refuses, whatever member is replaced or removed', () => {
    let refusedBySchema = 0;
    for (const base of [view(0), view(1), view(2)]) {
      for (const path of paths(base)) {
        for (const value of REPLACEMENTS) {
          const v = mutated(base, path, value);
          const schemaSays = snapshotSchema.safeParse(v).success;
          if (!schemaSays) refusedBySchema++;
          if (surelyValidSnapshot(v) && !schemaSays) throw new Error(`accepted what the schema refuses: ${path.join('.')} = ${JSON.stringify(value === REMOVE ? 'removed' : value)}`);
        }
      }
    }
    // The mutations did reach the schema's limits.
    expect(refusedBySchema).toBeGreaterThan(1000);
  });

  it('refuses the limits the schema sets on ids, dates, ports and names', () => {
    const base = view(0);
    const cases: Partial<Record<keyof SnapshotView, unknown>>[] = [
      { id: 'a/b' },
      { id: 'x'.repeat(129) },
      { hostPortId: '' },
      { hostPortId: 'h'.repeat(4097) },
      { savedAt: 'yesterday' },
      { port: 1.5 },
      { cloud: 'mars' },
      { source: 'rumour' },
      { hostPort: { ...base.hostPort, id: '' } },
      { hostPort: { ...base.hostPort, extra: [] } },
    ];
    for (const c of cases) {
      const v = { ...base, ...c };
      expect(snapshotSchema.safeParse(v).success).toBe(false);
      expect(surelyValidSnapshot(v)).toBe(false);
    }
  });
});
