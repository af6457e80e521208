// Child process for the compaction crash test: saves in a loop with a short journal, so background compactions
// start often. It says COMPACTING when a compaction has written its files and is about to commit, and holds that
// compaction open for `hold` more saves (or for ever when hold is -1), so the parent's SIGKILL lands inside it.
import { confKvFactory, createHistoryStore } from '../../../src-main/core/history';
import { makeSnapshot } from '../../support/snapshots';

async function main(): Promise<void> {
  const dir = process.argv[2]!;
  const offset = Number(process.argv[3] ?? 0);
  const hold = Number(process.argv[4] ?? -1);
  let release: (() => void) | null = null;
  let savesSinceHold = 0;
  const store = await createHistoryStore({
    dir,
    kv: confKvFactory,
    tuning: {
      journalMaxRecords: 30,
      // No adoption of unlisted files: a save the journal lost must show as lost, not be found again later.
      sweepDelayMs: 1e9,
      beforeCompactionCommit: () =>
        new Promise<void>((resolve) => {
          process.stdout.write('COMPACTING\n');
          savesSinceHold = 0;
          release = resolve;
        }),
    },
  });
  process.stdout.write(`OPEN ${store.stats().snapshots} ${JSON.stringify(store.notices)}\n`);
  for (let i = offset; ; i++) {
    const meta = await store.save(makeSnapshot(i, { hostPorts: 20 }));
    process.stdout.write(`SAVED ${meta.id}\n`);
    if (i % 7 === 3) {
      const victim = await store.save(makeSnapshot(i + 500_000, { hostPorts: 20 }));
      await store.delete({ snapshotId: victim.id });
      process.stdout.write(`DELETED ${victim.id}\n`);
    }
    savesSinceHold++;
    if (release && hold >= 0 && savesSinceHold >= hold) {
      const r: () => void = release;
      release = null;
      r();
    }
    // Lets the background compaction's file writes progress between saves.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err));
  process.exit(1);
});
