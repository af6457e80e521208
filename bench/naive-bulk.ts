// The naive way to run a bulk job, for comparison: a fixed number of workers, each answer that is not a
// success retried at once (no Retry-After, no backoff), five attempts per target, then the target is given up.
import type { BulkGraph, BulkHit, CallAnswer, PortsPage } from '../src-main/core/bulk/graph-calls';
import type { BulkTarget } from '../src-shared/bulk-targets';

export async function runBaseline(targets: BulkTarget[], graph: BulkGraph, concurrency: number): Promise<Set<string>> {
  const found = new Set<string>();
  type Unit = { host: string | null; url: string; targets: BulkTarget[]; attempts: number; id?: string };
  const byHost = new Map<string, BulkTarget[]>();
  const queue: Unit[] = [];
  for (const t of targets) {
    if (t.kind === 'id') queue.push({ host: null, url: '', targets: [t], attempts: 0, id: t.hostPortId });
    else byHost.set(t.host, [...(byHost.get(t.host) ?? []), t]);
  }
  for (const [host, ts] of byHost) queue.push({ host, url: graph.firstPortsUrl(host), targets: ts, attempts: 0 });
  const worker = async (): Promise<void> => {
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      const answer: CallAnswer<PortsPage | BulkHit> = unit.id !== undefined ? await graph.hostPort(unit.id) : await graph.portsPage(unit.url, unit.host ?? '');
      if (answer.kind === 'ok') {
        for (const t of unit.targets) found.add(t.key);
      } else if ((answer.kind === 'throttled' || answer.kind === 'retry') && ++unit.attempts < 5) {
        queue.push(unit);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return found;
}
