// Services grouped by their component's category, for the services breakdown.
import type { ServiceView } from '../../../src-shared/views';
import { stampSortKey } from '../../lib/time';

export interface ServiceGroup {
  category: string;
  /** True for the group of services whose category Graph did not send. */
  uncategorised: boolean;
  services: ServiceView[];
}

export const UNCATEGORISED = 'Uncategorised';

export function groupServices(services: readonly ServiceView[]): ServiceGroup[] {
  const groups = new Map<string, ServiceGroup>();
  for (const s of services) {
    const raw = s.component?.category?.trim();
    const key = raw ? raw : UNCATEGORISED;
    let g = groups.get(raw ? `c:${key}` : 'none');
    if (!g) {
      g = { category: key, uncategorised: !raw, services: [] };
      groups.set(raw ? `c:${key}` : 'none', g);
    }
    g.services.push(s);
  }
  const list = [...groups.values()];
  for (const g of list) {
    // Recent first, then most recently seen, then by name.
    g.services.sort((a, b) => {
      const r = Number(b.isRecent === true) - Number(a.isRecent === true);
      if (r) return r;
      const la = stampSortKey(a.lastSeen);
      const lb = stampSortKey(b.lastSeen);
      if (!Number.isNaN(la) && !Number.isNaN(lb) && la !== lb) return lb - la;
      return (a.component?.name ?? '').localeCompare(b.component?.name ?? '');
    });
  }
  return list.sort((a, b) => Number(a.uncategorised) - Number(b.uncategorised) || a.category.localeCompare(b.category));
}
