// Why a section can be empty. "Defender TI has no banners here" and "you did not ask for banners" look the
// same in the response (the property is absent), so the request decides which sentence the analyst reads.
import type { LookupRequestInfo } from '../../../src-shared/views';

export type SectionName = 'banners' | 'services' | 'certificate' | 'host';

const SECTIONS: Record<SectionName, { property: string; none: string; leftOut: string }> = {
  banners: { property: 'banners', none: 'No banners in this response.', leftOut: 'banners were' },
  services: { property: 'services', none: 'No services in this response.', leftOut: 'services were' },
  certificate: { property: 'mostRecentSslCertificate', none: 'No certificate in this response.', leftOut: 'the certificate was' },
  host: { property: 'host', none: 'No host in this response.', leftOut: 'the host was' },
};

/** The sentence shown when a section has nothing to show. */
export function emptyReason(section: SectionName, request: Pick<LookupRequestInfo, 'select' | 'expand'>): string {
  const s = SECTIONS[section];
  // An empty $select means every property.
  if (request.select.length > 0 && !request.select.includes(s.property)) {
    return `Not requested: ${s.leftOut} left out of this lookup's fields ($select).`;
  }
  if (section === 'certificate' && !request.expand.includes(s.property)) {
    return 'Not requested: this lookup did not expand the most recent TLS certificate.';
  }
  return s.none;
}
