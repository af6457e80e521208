// STIX 2.1 identifiers. Cyber-observable objects use the spec's deterministic ids (section 2.9: UUIDv5 in the
// STIX namespace over the canonical JSON of the type's ID-contributing properties). Portolan's observed-data,
// notes and bundles are derived from their content too, in Portolan's own namespace, so exporting the same
// history twice yields the same objects and a threat-intelligence platform does not store duplicates.
import { canonicalJson, type Json } from './canonical-json';
import { uuidV5 } from './uuid-v5';

/** The namespace STIX 2.1 (section 2.9) fixes for deterministic cyber-observable ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** Portolan's namespace for the objects it derives from saved snapshots: uuidV5('portolan.stix', URL namespace). */
export const PORTOLAN_NAMESPACE = uuidV5('https://portolan.invalid/stix', '6ba7b811-9dad-11d1-80b4-00c04fd430c8');

/** The ID-contributing properties of each observable type this export writes (STIX 2.1, section 6). */
export const ID_CONTRIBUTING: Record<string, readonly string[]> = {
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'domain-name': ['value'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  'x509-certificate': ['hashes', 'serial_number'],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
};

export function scoId(type: string, object: Record<string, Json | undefined>): string {
  const keys = ID_CONTRIBUTING[type];
  if (!keys) throw new TypeError(`no ID-contributing properties known for ${type}`);
  const picked: Record<string, Json> = {};
  for (const k of keys) if (object[k] !== undefined) picked[k] = object[k] as Json;
  return `${type}--${uuidV5(canonicalJson(picked), STIX_SCO_NAMESPACE)}`;
}

export function contentId(type: string, content: Json): string {
  return `${type}--${uuidV5(`${type}:${canonicalJson(content)}`, PORTOLAN_NAMESPACE)}`;
}
