// An import larger than the old 200 MB request limit, generated as a stream in the test's temp folder (the test
// never holds it), read back as a stream. No timing is asserted; the timeout only covers a slow disk.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from '../../unit/history/helpers';

const RECORDS = 230;
const RAW_BYTES = 1024 * 1024;

async function writeLargeExport(path: string): Promise<void> {
  const out = createWriteStream(path);
  const put = async (line: string): Promise<void> => {
    if (!out.write(line + '\n')) await once(out, 'drain');
  };
  await put(JSON.stringify({ format: 'portolan-history', version: 2, exportedAt: '2024-06-01T00:00:00.000Z' }));
  const filler = 'x'.repeat(RAW_BYTES);
  for (let i = 0; i < RECORDS; i++) {
    const input = makeSnapshot(i, { hostPorts: 10 });
    const snapshot = { ...input, id: `large-${i}`, savedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(), raw: `${i}:${filler}` };
    await put(JSON.stringify({ type: 'snapshot', snapshot }));
  }
  out.end();
  await once(out, 'close');
}

describe('large import', () => {
  it('imports a file larger than 200 MB, streamed, every record', async () => {
    const path = join(tempDir(), 'large.ndjson');
    await writeLargeExport(path);
    expect(statSync(path).size).toBeGreaterThan(200 * 1024 * 1024);
    const store = await openStore(tempDir());
    let read = 0;
    const report = await store.importFrom(() => createReadStream(path), { onBytes: (n) => (read += n) });
    expect(report).toMatchObject({ added: RECORDS, skipped: 0, refused: 0 });
    expect(read).toBe(statSync(path).size);
    expect(store.stats().snapshots).toBe(RECORDS);
    const one = await store.get(`large-${RECORDS - 1}`);
    expect(one.raw.length).toBe(RAW_BYTES + String(RECORDS - 1).length + 1);
  }, 600_000);
});
