// Which national clouds each threat-intelligence endpoint is documented for. Microsoft's v1.0 API pages carry a
// per-page national-cloud note: Get hostReputation, List passiveDns and List passiveDnsReverse say "Global only";
// Get host, Get whoisRecord, the port list and List relatedHosts carry no restriction, so they follow Get hostPort
// (every deployment the seed lists). A 'custom' root (tests, the preview, a private stand-in) is never limited.
import type { HostSectionKind } from '../../../src-shared/host-views';
import type { CloudId } from '../../../src-shared/views';

type NationalCloud = Exclude<CloudId, 'custom'>;

const EVERY: readonly NationalCloud[] = ['global', 'usGovL4', 'usGovL5', 'china'];
const GLOBAL_ONLY: readonly NationalCloud[] = ['global'];

export const ENDPOINT_CLOUDS: Readonly<Record<HostSectionKind, readonly NationalCloud[]>> = Object.freeze({
  host: EVERY,
  reputation: GLOBAL_ONLY,
  whois: EVERY,
  passiveDns: GLOBAL_ONLY,
  passiveDnsReverse: GLOBAL_ONLY,
  relatedHosts: EVERY,
});

export function endpointAvailable(kind: HostSectionKind, cloud: CloudId): boolean {
  return cloud === 'custom' || ENDPOINT_CLOUDS[kind].includes(cloud);
}
