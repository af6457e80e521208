// Exports of "what the list shows": the same search, filters and order as the History list, resolved to host port
// ids in main, so the export and the list can never disagree about which rows are meant.
import type { HistorySelection } from '../../../src-shared/contract';
import type { HistoryPort } from './ports';

const PAGE = 500;

export interface SelectionRequest {
  hostPortIds?: string[];
  query?: HistorySelection;
}

/** The host ports an export covers: those named, those the query shows, or undefined for the whole history. */
export async function selectedHostPorts(history: Pick<HistoryPort, 'list' | 'matchingIds'>, req: SelectionRequest): Promise<string[] | undefined> {
  if (req.hostPortIds) return req.hostPortIds;
  if (!req.query) return undefined;
  if (history.matchingIds) return history.matchingIds(req.query);
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await history.list({ ...req.query, text: req.query.text ?? '', offset, limit: PAGE });
    ids.push(...page.items.map((i) => i.hostPortId));
    if (page.items.length < PAGE || ids.length >= page.total) return ids;
  }
}
