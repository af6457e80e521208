// history:exportStix: one snapshot, one host port's history, a selection of host ports or the whole history, as a
// STIX 2.1 bundle file. Reads through the history port like every other history channel.
import type { ExportView, HistoryPageView, SnapshotView } from '../../../src-shared/views';
import type { HistoryPort } from '../service/ports';
import { buildStixBundle, type StixHostPortInput } from './bundle';

export type StixHistory = Pick<HistoryPort, 'list' | 'snapshots' | 'get'>;

export interface StixExportRequest {
  snapshotId?: string;
  hostPortIds?: string[];
}

const PAGE = 500;

async function summaryOf(history: StixHistory, hostPortId: string): Promise<{ note: string; tags: string[] }> {
  const page: HistoryPageView = await history.list({ text: '', offset: 0, limit: 1, hostPortId });
  const s = page.items[0];
  return { note: s?.note ?? '', tags: s?.tags ?? [] };
}

async function allHostPortIds(history: StixHistory): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await history.list({ text: '', offset, limit: PAGE });
    ids.push(...page.items.map((i) => i.hostPortId));
    if (page.items.length < PAGE || ids.length >= page.total) return ids;
  }
}

async function hostPortInput(history: StixHistory, hostPortId: string): Promise<StixHostPortInput> {
  const metas = await history.snapshots(hostPortId);
  const snapshots: SnapshotView[] = [];
  // Oldest first, so the bundle reads in the order things were seen.
  for (const m of [...metas].reverse()) snapshots.push(await history.get(m.id));
  return { snapshots, ...(await summaryOf(history, hostPortId)) };
}

/** The file name says what was exported; `today` is YYYY-MM-DD from the caller's clock. */
export async function exportStix(history: StixHistory, req: StixExportRequest, today: string): Promise<ExportView> {
  let inputs: StixHostPortInput[];
  let what: string;
  if (req.snapshotId !== undefined) {
    const s = await history.get(req.snapshotId);
    inputs = [{ snapshots: [s], ...(await summaryOf(history, s.hostPortId)) }];
    what = 'snapshot';
  } else {
    const ids = req.hostPortIds ?? (await allHostPortIds(history));
    inputs = [];
    for (const id of ids) inputs.push(await hostPortInput(history, id));
    what = req.hostPortIds ? (ids.length === 1 ? 'host-port' : 'selection') : 'history';
  }
  const bundle = buildStixBundle(inputs);
  return { filename: `portolan-stix-${what}-${today}.json`, mime: 'application/stix+json;version=2.1', content: `${JSON.stringify(bundle, null, 2)}\n` };
}
