// What the History list adds to its rows: why a row matched a search, and what a snapshot changed since the one
// before it. Plain data, built in main for the rows being returned.

/** Why a row matched a search: a short excerpt of the field that matched, the matching parts marked. */
export interface SearchMatchView {
  /** What the text is: host, port, id, banner, service, certificate, tag, note. */
  field: string;
  segments: { text: string; marked: boolean }[];
}

/** What differs from the previous snapshot of the same host port (content only: dates and counts seen move on every scan). */
export interface SnapshotChangeView {
  /** False when there is no previous snapshot to compare with. */
  hasPrevious: boolean;
  changed: boolean;
  bannersAdded: number;
  bannersRemoved: number;
  servicesAdded: number;
  servicesRemoved: number;
  servicesChanged: number;
  certificateChanged: boolean;
  /** Top-level fields that changed: status, protocol, port. */
  fields: string[];
}
