// The host's port list as the strip at the top of the detail shows it: sorted by port, the entry on screen
// marked, and ports listed for more than one protocol (tcp and udp) called out.
import type { HostPortEntryView } from '../../../src-shared/host-views';

export interface StripEntry extends HostPortEntryView {
  current: boolean;
  /** Other protocols listed for the same port number (e.g. udp beside tcp). */
  alsoOver: string[];
}

export function stripEntries(entries: readonly HostPortEntryView[], currentId: string): StripEntry[] {
  const byPort = new Map<number | null, HostPortEntryView[]>();
  for (const e of entries) byPort.set(e.port, [...(byPort.get(e.port) ?? []), e]);
  return [...entries]
    .sort((a, b) => (a.port ?? Number.MAX_SAFE_INTEGER) - (b.port ?? Number.MAX_SAFE_INTEGER) || (a.protocol ?? '').localeCompare(b.protocol ?? ''))
    .map((e) => ({
      ...e,
      current: e.id === currentId,
      alsoOver: (byPort.get(e.port) ?? []).filter((o) => o.id !== e.id).map((o) => o.protocol ?? 'unstated'),
    }));
}

/** What the analyst is told about where the id on screen came from. */
export function idOriginText(idFrom: 'portList' | 'composed' | 'pasted' | undefined): string | null {
  switch (idFrom) {
    case 'portList':
      return "ID from the host's port list";
    case 'composed':
      return "ID composed from host and port (not in the host's port list)";
    case 'pasted':
      return 'ID pasted: the host\'s port list was not read';
    default:
      return null;
  }
}
