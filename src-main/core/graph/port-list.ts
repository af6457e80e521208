// A host's port list, GET /hosts/{host}/ports, read to its last page. Resolution picks one id from it, and the
// whole list goes back with the lookup so the analyst sees every other port of the host.
import type { HostPortEntryView } from '../../../src-shared/host-views';
import { fail } from '../failure';
import type { HttpResponse } from '../ports';
import { toStamp } from './timestamps';

export interface PortListDeps {
  get(url: string, signal: AbortSignal | undefined): Promise<HttpResponse>;
  /** Returns the link to follow, null at a loop, or throws when it leaves the service root. */
  checkNextLink(link: string, seen: Set<string>): string | null;
  maxPages: number;
  onError(res: HttpResponse): never;
}

/** null: Graph answered 404 (nothing listed for this host). */
export async function readPortList(deps: PortListDeps, firstUrl: string, host: string, signal?: AbortSignal): Promise<HostPortEntryView[] | null> {
  let url: string | null = firstUrl;
  const seen = new Set<string>();
  const entries: HostPortEntryView[] = [];
  let pages = 0;
  while (url) {
    if (++pages > deps.maxPages) {
      throw fail('invalidResponse', `The port list of ${host} ran past ${deps.maxPages} pages; Portolan stopped following it.`);
    }
    seen.add(url);
    const res = await deps.get(url, signal);
    if (res.status === 404) return pages === 1 ? null : entries;
    if (res.status < 200 || res.status > 299) deps.onError(res);
    const page = readCollectionPage(res.body, `The port list of ${host}`);
    for (const item of page.items) {
      const entry = toEntry(item);
      if (entry) entries.push(entry);
    }
    url = page.nextLink ? deps.checkNextLink(page.nextLink, seen) : null;
  }
  return entries;
}

/** The id for a port: tcp (or an unlabelled entry) first, as the list's own order gives it; else any other protocol. */
export function pickEntry(entries: readonly HostPortEntryView[], port: number): HostPortEntryView | null {
  const matching = entries.filter((e) => e.port === port);
  return matching.find((e) => e.protocol === null || e.protocol === 'tcp') ?? matching[0] ?? null;
}

export function readCollectionPage(body: string, what: string): { items: unknown[]; nextLink: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw fail('invalidResponse', `${what} is not valid JSON.`);
  }
  if (!isObj(json)) throw fail('invalidResponse', `${what} is not a JSON object.`);
  const items = Array.isArray(json.value) ? json.value : [];
  const next = json['@odata.nextLink'];
  return { items, nextLink: typeof next === 'string' && next !== '' ? next : null };
}

function toEntry(item: unknown): HostPortEntryView | null {
  if (!isObj(item) || typeof item.id !== 'string' || item.id === '') return null;
  const port = Number(item.port);
  const ignore = (): void => undefined;
  return {
    id: item.id,
    port: Number.isInteger(port) ? port : null,
    protocol: typeof item.protocol === 'string' ? item.protocol : null,
    status: typeof item.status === 'string' ? item.status : null,
    lastSeen: toStamp(item.lastSeenDateTime, 'lastSeenDateTime', ignore),
  };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
