// A focused STIX 2.1 bundle validator written for these tests from the OASIS STIX 2.1 specification (the
// official JSON schemas cannot be fetched here): common properties, required properties of each object type
// Portolan writes, timestamp and id formats, and that every reference resolves inside the bundle.
// Returns the problems found; an empty list means valid.

type Obj = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const TYPE = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;
const PROPERTY = /^[a-z0-9_]{3,250}$/;
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
const HASH_NAME = /^(MD5|SHA-1|SHA-256|SHA-512|SHA3-256|SHA3-512|SSDEEP|TLSH|x_[a-z0-9_]{1,250})$/;

const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

export function validateStixBundle(bundle: unknown): string[] {
  const problems: string[] = [];
  const bad = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (typeof bundle !== 'object' || bundle === null) return ['bundle: not an object'];
  const b = bundle as Obj;
  if (b.type !== 'bundle') bad('bundle', 'type must be "bundle"');
  if (!isString(b.id) || !b.id.startsWith('bundle--') || !UUID.test(b.id.slice(8))) bad('bundle', `id ${String(b.id)} is not bundle--<uuid>`);
  if ('spec_version' in b) bad('bundle', 'a STIX 2.1 bundle has no spec_version');
  if (!Array.isArray(b.objects) || b.objects.length === 0) return [...problems, 'bundle: objects must be a non-empty list'];

  const byId = new Map<string, Obj>();
  for (const o of b.objects as Obj[]) {
    if (isString(o.id) && byId.has(o.id)) bad(o.id, 'id appears twice in the bundle');
    if (isString(o.id)) byId.set(o.id, o);
  }
  const ref = (where: string, id: unknown, types?: string[]) => {
    if (!isString(id)) return bad(where, 'reference is not a string');
    const target = byId.get(id);
    if (!target) return bad(where, `reference ${id} does not resolve inside the bundle`);
    if (types && !types.includes(String(target.type))) bad(where, `reference ${id} must point to ${types.join('/')}`);
  };

  for (const o of b.objects as Obj[]) {
    const t = String(o.type);
    const where = isString(o.id) ? o.id : `(${t} without id)`;
    if (!TYPE.test(t)) bad(where, `type ${t} is not a valid type name`);
    if (!isString(o.id) || !o.id.startsWith(`${t}--`) || !UUID.test(o.id.slice(t.length + 2))) bad(where, `id must be ${t}--<uuid>`);
    if (o.spec_version !== '2.1') bad(where, 'spec_version must be "2.1"');
    const known = KNOWN[t];
    if (!known) {
      bad(where, `type ${t} is not one this validator knows`);
      continue;
    }
    for (const k of Object.keys(o)) {
      if (!PROPERTY.test(k) && k !== 'id' && k !== 'type') bad(where, `property name ${k} is not valid`);
      if (!COMMON.has(k) && !known.includes(k) && !k.startsWith('x_')) bad(where, `${k} is neither a ${t} property nor a custom x_ property`);
    }
    if (SCO_TYPES.has(t)) {
      if (isString(o.id) && o.id.slice(t.length + 2)[14] !== '5') bad(where, 'cyber-observable ids must be UUIDv5 (deterministic)');
      if ('created' in o || 'modified' in o) bad(where, 'cyber-observables have no created/modified');
    }
    if (SDO_TYPES.has(t)) {
      for (const k of ['created', 'modified'] as const) if (!isString(o[k]) || !TIMESTAMP.test(o[k])) bad(where, `${k} must be a UTC timestamp`);
      if (isString(o.created) && isString(o.modified) && o.modified < o.created) bad(where, 'modified is before created');
    }
    if (o.labels !== undefined && (!Array.isArray(o.labels) || !o.labels.every(isString))) bad(where, 'labels must be a list of strings');
    switch (t) {
      case 'ipv4-addr':
      case 'ipv6-addr':
      case 'domain-name':
        if (!isString(o.value) || o.value === '') bad(where, 'value is required');
        if (t === 'ipv4-addr' && isString(o.value) && !/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(o.value)) bad(where, 'value is not IPv4');
        if (t === 'ipv6-addr' && isString(o.value) && !o.value.includes(':')) bad(where, 'value is not IPv6');
        break;
      case 'network-traffic':
        if (!Array.isArray(o.protocols) || o.protocols.length === 0 || !o.protocols.every(isString)) bad(where, 'protocols is required: a non-empty list of strings');
        if (o.src_ref === undefined && o.dst_ref === undefined) bad(where, 'src_ref or dst_ref is required');
        if (o.dst_ref !== undefined) ref(where, o.dst_ref, ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name']);
        if (o.dst_port !== undefined && !isInt(o.dst_port, 0, 65535)) bad(where, 'dst_port must be an integer 0..65535');
        break;
      case 'x509-certificate': {
        const own = Object.keys(o).filter((k) => !COMMON.has(k));
        if (own.length === 0) bad(where, 'at least one x509-certificate property is required');
        if (o.hashes !== undefined) {
          const h = o.hashes as Obj;
          if (typeof h !== 'object' || h === null || Object.keys(h).length === 0) bad(where, 'hashes must be a non-empty dictionary');
          else for (const [k, v] of Object.entries(h)) if (!HASH_NAME.test(k) || !isString(v)) bad(where, `hash ${k} is not a valid hash entry`);
        }
        for (const k of ['validity_not_before', 'validity_not_after']) if (o[k] !== undefined && !(isString(o[k]) && TIMESTAMP.test(o[k]))) bad(where, `${k} must be a UTC timestamp`);
        break;
      }
      case 'software':
        if (!isString(o.name) || o.name === '') bad(where, 'name is required');
        break;
      case 'observed-data':
        for (const k of ['first_observed', 'last_observed']) if (!isString(o[k]) || !TIMESTAMP.test(o[k])) bad(where, `${k} must be a UTC timestamp`);
        if (isString(o.first_observed) && isString(o.last_observed) && o.last_observed < o.first_observed) bad(where, 'last_observed is before first_observed');
        if (!isInt(o.number_observed, 1, 999_999_999)) bad(where, 'number_observed must be an integer 1..999,999,999');
        if (o.objects !== undefined && o.object_refs !== undefined) bad(where, 'objects and object_refs must not both be present');
        if (!Array.isArray(o.object_refs) || o.object_refs.length === 0) bad(where, 'object_refs is required');
        else for (const r of o.object_refs) ref(where, r, [...SCO_TYPES]);
        break;
      case 'note':
        if (!isString(o.content) || o.content === '') bad(where, 'content is required');
        if (!Array.isArray(o.object_refs) || o.object_refs.length === 0) bad(where, 'object_refs is required');
        else for (const r of o.object_refs) ref(where, r);
        break;
    }
  }
  return problems;
}
