// The cyber-observable objects (SCOs) one saved snapshot describes: the host, the traffic to its port, the
// certificate it presented and the software it ran. Snapshot-specific facts (status, banners) belong on the
// observed-data, not here: an SCO's id is its content, so two snapshots share the same SCOs.
import type { CertificateEntityView, CertificateView, HostPortView, ServiceView, Stamp } from '../../../src-shared/views';
import { parseBareHost } from '../../../src-shared/host-address';
import type { Json } from './canonical-json';
import { scoId } from './ids';

export type StixObject = { type: string; id: string; spec_version: '2.1' } & Record<string, Json | undefined>;

function sco(type: string, props: Record<string, Json | undefined>): StixObject {
  const body = Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined && v !== null));
  return { type, spec_version: '2.1', id: scoId(type, body), ...body };
}

export function stamp(s: Stamp): string | undefined {
  return s.ms === null ? undefined : new Date(s.ms).toISOString();
}

export function hostObject(host: string): StixObject {
  const read = parseBareHost(host);
  if (read.ok && read.kind === 'ipv4') return sco('ipv4-addr', { value: read.host });
  if (read.ok && read.kind === 'ipv6') return sco('ipv6-addr', { value: read.host });
  return sco('domain-name', { value: read.ok ? read.host : host });
}

/** Graph's tcp/udp; anything else (unknownFutureValue, a value added later) is not an IANA protocol name. */
function protocols(protocol: string | null): string[] {
  const p = protocol?.toLowerCase();
  return p === 'tcp' || p === 'udp' ? [p] : ['unknown'];
}

export function trafficObject(hostRef: string, hp: HostPortView): StixObject {
  return sco('network-traffic', { dst_ref: hostRef, dst_port: hp.port ?? undefined, protocols: protocols(hp.protocol) });
}

/** An RFC 4514-style name from Graph's certificate entity, most specific part first. */
export function distinguishedName(e: CertificateEntityView | null): string | undefined {
  if (!e) return undefined;
  const esc = (v: string) => v.replace(/([,+"\\<>;=])/g, '\\$1');
  const parts: [string, string | null][] = [['CN', e.commonName], ['OU', e.organizationUnitName], ['O', e.organizationName], ['emailAddress', e.email]];
  const dn = parts.filter((p): p is [string, string] => !!p[1]).map(([k, v]) => `${k}=${esc(v)}`).join(', ');
  return dn || undefined;
}

export function certificateObject(c: CertificateView | null): StixObject | null {
  if (!c || c.referenceOnly) return null;
  const sha1 = (c.sha1 ?? c.fingerprint)?.replace(/[^0-9a-f]/gi, '').toLowerCase();
  const props: Record<string, Json | undefined> = {
    hashes: sha1 && sha1.length === 40 ? { 'SHA-1': sha1 } : undefined,
    serial_number: c.serialNumber ?? undefined,
    issuer: distinguishedName(c.issuer),
    subject: distinguishedName(c.subject),
    validity_not_before: stamp(c.issueDate),
    validity_not_after: stamp(c.expirationDate),
  };
  // x509-certificate must carry at least one property besides type and id.
  return Object.values(props).some((v) => v !== undefined) ? sco('x509-certificate', props) : null;
}

export function softwareObject(s: ServiceView): StixObject | null {
  const name = s.component?.name?.trim();
  if (!name) return null;
  return sco('software', { name, version: s.component?.version ?? undefined, x_portolan_category: s.component?.category ?? undefined });
}
