// An import writes a snapshot file from the record's own text when that text holds nothing the disk format leaves
// out; any other record is written member by member, as a save would. Either way the file reads back the same.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotView } from '../../../src-shared/views';
import { snapshotFile, snapshotFileTextAround, storedAsIs } from '../../../src-main/core/history/stored-snapshot';
import { kvPath } from '../../../src-main/core/history/kv-files';
import { hostPortDir } from '../../../src-main/core/history/layout';
import { context, portEntry, reputationSection } from '../../support/host-context-fixtures';
import { makeSnapshotView } from '../../support/snapshots';
import { openStore, tempDir } from './helpers';

function view(i: number, extra: Partial<SnapshotView> = {}): SnapshotView {
  return { ...makeSnapshotView(i, { id: `0000000${i}-abc`, hostPorts: 3 }), ...extra };
}

describe('snapshot file text from a record', () => {
  it('stands as the file only when every member is one the disk format stores', () => {
    const plain = view(1);
    const withContext = view(2, { context: context('example.com', [portEntry(443)], { reputation: reputationSection('neutral', 3, '2026-01-02T03:05:00.000Z') }) });
    for (const v of [plain, withContext]) {
      expect(storedAsIs(v)).toBe(true);
      expect(JSON.parse(snapshotFileTextAround(JSON.stringify(v)))).toEqual(snapshotFile(v));
    }
    expect(storedAsIs({ ...plain, unmodelled: 1 } as SnapshotView)).toBe(false);
    expect(storedAsIs({ ...plain, request: { ...plain.request, unmodelled: 1 } } as SnapshotView)).toBe(false);
    expect(storedAsIs({ ...withContext, context: { ...withContext.context!, unmodelled: 1 } } as SnapshotView)).toBe(false);
  });

  it('imports records in the exporter spelling, with unmodelled members, and with trailing members alike', async () => {
    const [a, b, c] = [view(1), view(2), view(3)];
    const lines = [
      JSON.stringify({ format: 'portolan-history', version: 2, exportedAt: '2026-01-01T00:00:00.000Z' }),
      JSON.stringify({ type: 'snapshot', snapshot: a }),
      // Not stored: the file is written member by member and holds no trace of it.
      JSON.stringify({ type: 'snapshot', snapshot: { ...b, unmodelled: 'x'.repeat(64) } }),
      // The record's own members after the snapshot: the inner text alone is not the snapshot.
      `${JSON.stringify({ type: 'snapshot', snapshot: c }).slice(0, -1)},"note":"trailing"}`,
    ];
    const path = join(tempDir(), 'in.ndjson');
    writeFileSync(path, lines.join('\n') + '\n');
    const dir = tempDir();
    const store = await openStore(dir);
    expect(await store.importFrom(async function* () {
      yield readFileSync(path);
    })).toMatchObject({ added: 3, skipped: 0, refused: 0 });
    for (const v of [a, b, c]) {
      expect(await store.get(v.id)).toEqual(v);
      const file = readFileSync(kvPath(hostPortDir(dir, v.hostPortId), v.id), 'utf8');
      expect(JSON.parse(file)).toEqual(snapshotFile(v));
      expect(file).not.toContain('unmodelled');
    }
  });
});
