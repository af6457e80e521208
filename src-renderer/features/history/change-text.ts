// A snapshot's change since the previous one in a few words, as the snapshot list shows it (and its accessible
// name says it): "changed: banners +2 −1, services +1, certificate" or "no change".
import type { SnapshotChangeView } from '../../../src-shared/contract';

function counts(added: number, removed: number): string[] {
  const out: string[] = [];
  if (added > 0) out.push(`+${added}`);
  if (removed > 0) out.push(`−${removed}`);
  return out;
}

export function changeText(c: SnapshotChangeView | undefined): string {
  if (!c) return '';
  if (!c.hasPrevious) return 'first snapshot';
  if (!c.changed) return 'no change';
  const parts: string[] = [];
  const banners = counts(c.bannersAdded, c.bannersRemoved);
  if (banners.length) parts.push(`banners ${banners.join(' ')}`);
  const services = counts(c.servicesAdded, c.servicesRemoved);
  if (c.servicesChanged > 0) services.push(`${c.servicesChanged} ${c.servicesChanged === 1 ? 'version' : 'versions'} changed`);
  if (services.length) parts.push(`services ${services.join(' ')}`);
  if (c.certificateChanged) parts.push('certificate');
  parts.push(...c.fields);
  return `changed: ${parts.join(', ')}`;
}
