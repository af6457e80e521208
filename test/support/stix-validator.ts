// STIX 2.1 bundle validation for tests: the official OASIS JSON schemas (test/support/stix-schemas.ts) and then
// the rules of the specification those schemas cannot express (their README lists some) that Portolan relies on:
// references resolve inside the bundle and point to the right kinds of object, observable ids are deterministic
// (UUIDv5), cyber-observables carry no created/modified, time windows run forwards, and every property is either
// defined for its type or a custom x_ property (the schemas accept any well-formed name).
// Returns the problems found; an empty list means valid.
import { validateAgainstOasisSchemas } from './stix-schemas';

type Obj = Record<string, unknown>;

const SCO_TYPES = new Set(['ipv4-addr', 'ipv6-addr', 'domain-name', 'network-traffic', 'x509-certificate', 'software', 'mac-addr']);
const SDO_TYPES = new Set(['observed-data', 'note']);
const COMMON = new Set(['type', 'id', 'spec_version', 'created', 'modified', 'labels', 'object_marking_refs', 'granular_markings', 'defanged', 'extensions', 'created_by_ref', 'revoked', 'confidence', 'lang', 'external_references']);
const KNOWN: Record<string, string[]> = {
  'ipv4-addr': ['value', 'resolves_to_refs', 'belongs_to_refs'],
  'ipv6-addr': ['value', 'resolves_to_refs', 'belongs_to_refs'],
  'domain-name': ['value', 'resolves_to_refs'],
  'network-traffic': ['start', 'end', 'is_active', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'src_byte_count', 'dst_byte_count', 'src_packets', 'dst_packets', 'ipfix', 'src_payload_ref', 'dst_payload_ref', 'encapsulates_refs', 'encapsulated_by_ref'],
  'x509-certificate': ['is_self_signed', 'hashes', 'version', 'serial_number', 'signature_algorithm', 'issuer', 'validity_not_before', 'validity_not_after', 'subject', 'subject_public_key_algorithm', 'subject_public_key_modulus', 'subject_public_key_exponent', 'x509_v3_extensions'],
  software: ['name', 'cpe', 'swid', 'languages', 'vendor', 'version'],
  'observed-data': ['first_observed', 'last_observed', 'number_observed', 'objects', 'object_refs'],
  note: ['abstract', 'content', 'authors', 'object_refs'],
};

const isString = (v: unknown): v is string => typeof v === 'string';

/** The spec-only checks; they assume the shapes the schemas check and skip what is malformed. */
function specProblems(b: Obj): string[] {
  const problems: string[] = [];
  const bad = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if ('spec_version' in b) bad('bundle', 'a STIX 2.1 bundle has no spec_version');
  if (!Array.isArray(b.objects)) return problems;
  const objects = (b.objects as unknown[]).filter((o): o is Obj => typeof o === 'object' && o !== null);

  const byId = new Map<string, Obj>();
  for (const o of objects) {
    if (isString(o.id) && byId.has(o.id)) bad(o.id, 'id appears twice in the bundle');
    if (isString(o.id)) byId.set(o.id, o);
  }
  const ref = (where: string, id: unknown, types?: string[]) => {
    if (!isString(id)) return;
    const target = byId.get(id);
    if (!target) return bad(where, `reference ${id} does not resolve inside the bundle`);
    if (types && !types.includes(String(target.type))) bad(where, `reference ${id} must point to ${types.join('/')}`);
  };

  for (const o of objects) {
    const t = String(o.type);
    const where = isString(o.id) ? o.id : `(${t} without id)`;
    const known = KNOWN[t];
    if (!known) {
      bad(where, `type ${t} is not one Portolan writes`);
      continue;
    }
    for (const k of Object.keys(o)) if (!COMMON.has(k) && !known.includes(k) && !k.startsWith('x_')) bad(where, `${k} is neither a ${t} property nor a custom x_ property`);
    if (SCO_TYPES.has(t)) {
      if (isString(o.id) && o.id.slice(t.length + 2)[14] !== '5') bad(where, 'cyber-observable ids must be UUIDv5 (deterministic)');
      if ('created' in o || 'modified' in o) bad(where, 'cyber-observables have no created/modified');
    }
    if (SDO_TYPES.has(t) && isString(o.created) && isString(o.modified) && o.modified < o.created) bad(where, 'modified is before created');
    if (t === 'network-traffic') {
      ref(where, o.src_ref, ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name']);
      ref(where, o.dst_ref, ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name']);
    }
    if (t === 'observed-data') {
      if (isString(o.first_observed) && isString(o.last_observed) && o.last_observed < o.first_observed) bad(where, 'last_observed is before first_observed');
      if (Array.isArray(o.object_refs)) for (const r of o.object_refs) ref(where, r, [...SCO_TYPES]);
    }
    if (t === 'note') {
      if (o.content === '') bad(where, 'content is empty');
      if (Array.isArray(o.object_refs)) for (const r of o.object_refs) ref(where, r);
    }
  }
  return problems;
}

export function validateStixBundle(bundle: unknown): string[] {
  const schema = validateAgainstOasisSchemas(bundle);
  if (typeof bundle !== 'object' || bundle === null) return schema;
  return [...schema, ...specProblems(bundle as Obj)];
}
