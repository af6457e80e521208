// Runs (or resumes) one bulk job against the Graph stand-in, as the app would, until it ends or is killed.
//   node --import tsx bulk-child.ts <job dir> <graph url> <targets file>
import { access, readFile } from 'node:fs/promises';
import { ThrottleGate } from '../../../src-main/core/bulk/gate';
import { createBulkGraph } from '../../../src-main/core/bulk/graph-calls';
import { BulkJob } from '../../../src-main/core/bulk/job';
import { realTimers } from '../../../src-main/core/bulk/timers';
import { createNodeTransport } from '../../../src-main/core/net/node-transport';
import { planBulk, splitLines } from '../../../src-shared/bulk-targets';

async function main(): Promise<void> {
  const [dir, graphUrl, targetsFile] = process.argv.slice(2) as [string, string, string];
  const gate = new ThrottleGate({ timers: realTimers, initialLimit: 2, maxLimit: 8 });
  const graph = createBulkGraph({
    transport: createNodeTransport(),
    serviceRoot: graphUrl,
    apiVersion: 'v1.0',
    tokens: { getToken: async () => 'test-token' },
    timers: realTimers,
  });
  const deps = { gate, graph, timers: realTimers };
  const exists = await access(`${dir}/job.json`).then(
    () => true,
    () => false,
  );
  const job = exists
    ? (await BulkJob.load(dir, deps)).job
    : await BulkJob.create(dir, { id: 'job1', name: 'crash test', createdAt: Date.now(), targets: planBulk(splitLines(await readFile(targetsFile, 'utf8'))).targets }, deps);
  process.stdout.write(`STARTED ${job.status().remaining}\n`);
  await job.start();
  await job.settled;
  const s = job.status();
  process.stdout.write(`ENDED ${s.state} ${s.done} ${s.failed} ${s.remaining}\n`);
  await job.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`bulk-child: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
