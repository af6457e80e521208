// Child process for the kill -9 test: saves snapshots in a loop and reports each id only after save() resolved.
// A small journal limit makes compactions happen during the loop too, so a kill can land in one.
import { confKvFactory, createHistoryStore } from '../../../src-main/core/history';
import { makeSnapshot } from '../../support/snapshots';

async function main(): Promise<void> {
  const dir = process.argv[2]!;
  const offset = Number(process.argv[3] ?? 0);
  const store = await createHistoryStore({ dir, kv: confKvFactory, tuning: { journalMaxRecords: 40 } });
  process.stdout.write(`OPEN ${store.stats().snapshots} ${JSON.stringify(store.notices)}\n`);
  for (let i = offset; ; i++) {
    const meta = await store.save(makeSnapshot(i, { hostPorts: 30 }));
    // stdout to a pipe is synchronous on Linux: once this returns, the parent can see the line.
    process.stdout.write(`SAVED ${meta.id}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
