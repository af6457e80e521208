// The host:port a saved entry is about, for headings ("Comparison of 203.0.113.5:443") and announcements.
import { targetLabel } from '../../lib/keyboard/palette-items';

export function entryTitle(snapshot: { host: string | null; port: number | null } | null, hostPortId: string): string {
  return snapshot ? targetLabel({ host: snapshot.host, port: snapshot.port, hostPortId }) : hostPortId;
}

/** What a screen reader hears when a comparison arrives (aria-live), also the summary under its heading. */
export function compareAnnouncement(changes: number | null, failed: boolean, title: string): string {
  if (failed) return `Comparison of ${title} failed`;
  if (changes === null) return '';
  return changes === 0 ? `Comparison of ${title}: no changes` : `Comparison of ${title}: ${changes} ${changes === 1 ? 'change' : 'changes'}`;
}
