// A long export reads snapshot files in the history's own process; other calls to the history must still get
// turns of the event loop while it runs, even when the destination never pushes back.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from './helpers';

const COUNT = 300;

function ndjson(): string {
  const lines = [JSON.stringify({ format: 'portolan-history', version: 2, exportedAt: '2024-06-01T00:00:00.000Z' })];
  for (let i = 0; i < COUNT; i++) {
    const savedAt = new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString();
    lines.push(JSON.stringify({ type: 'snapshot', snapshot: { id: `s${String(i).padStart(6, '0')}`, savedAt, ...makeSnapshot(i, { hostPorts: 3 }) } }));
  }
  return lines.join('\n') + '\n';
}

describe('export and the event loop', () => {
  it('gives the event loop turns while it reads, with a destination that accepts everything at once', async () => {
    const store = await openStore(tempDir());
    const text = ndjson();
    const source = async function* (): AsyncGenerator<string> {
      yield text;
    };
    expect((await store.importFrom(source)).added).toBe(COUNT);
    const out = new Writable({
      highWaterMark: 1 << 30,
      write(_chunk, _encoding, done) {
        done();
      },
    });
    let exporting = true;
    let turns = 0;
    const turn = (): void => {
      if (!exporting) return;
      turns++;
      setImmediate(turn);
    };
    const exported = store.exportTo(out, 'ndjson');
    setImmediate(turn);
    const outcome = await exported;
    exporting = false;
    expect(outcome.snapshots).toBe(COUNT);
    // One turn every 64 reads: at least four for 300 snapshots.
    expect(turns).toBeGreaterThanOrEqual(4);
  });
});
