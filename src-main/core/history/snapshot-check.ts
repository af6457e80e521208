// A quick test that a snapshot read from an import file is valid, written out by hand beside the schema it
// follows (snapshotSchema in export-format.ts). Zod builds a whole output copy of each snapshot to validate it,
// which is most of an import's validation time; this only reads. It never accepts what the schema refuses (it is
// stricter where that is simpler), so a snapshot it does not accept goes to the schema, whose answer stands and
// whose issue names the refusal.
import { SAVED_HOST_PORT_ID_MAX } from '../../../src-shared/limits';
import { contextSchema } from './context-schema';
import { SNAPSHOT_ID } from './layout';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): boolean => v === null || typeof v === 'string';
const numOrNull = (v: unknown): boolean => v === null || num(v);
const boolOrNull = (v: unknown): boolean => v === null || typeof v === 'boolean';
const stamp = (v: unknown): boolean => isObj(v) && str(v.raw) && numOrNull(v.ms);
const date = (v: unknown): boolean => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function strings(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const s of v) if (typeof s !== 'string') return false;
  return true;
}

function all(v: unknown, each: (item: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (!each(item)) return false;
  return true;
}

const banner = (b: unknown): boolean =>
  isObj(b) && typeof b.banner === 'string' && str(b.scanProtocol) && stamp(b.firstSeen) && stamp(b.lastSeen) && numOrNull(b.timesObserved);

const component = (c: unknown): boolean =>
  c === null || (isObj(c) && str(c.id) && str(c.name) && str(c.version) && str(c.category) && stamp(c.firstSeen) && stamp(c.lastSeen));

const service = (s: unknown): boolean => isObj(s) && stamp(s.firstSeen) && stamp(s.lastSeen) && boolOrNull(s.isRecent) && component(s.component);

const entity = (e: unknown): boolean => e === null || (isObj(e) && str(e.commonName) && strings(e.alternateNames));

const certificate = (c: unknown): boolean =>
  c === null ||
  (isObj(c) && str(c.id) && str(c.sha1) && str(c.fingerprint) && str(c.serialNumber) && entity(c.issuer) && entity(c.subject) && typeof c.referenceOnly === 'boolean');

/** A plain object, as a record schema wants it (what JSON.parse makes). */
const record = (v: unknown): boolean => isObj(v) && Object.getPrototypeOf(v) === Object.prototype;

function hostPort(h: unknown): boolean {
  return (
    isObj(h) &&
    typeof h.id === 'string' &&
    h.id.length > 0 &&
    numOrNull(h.port) &&
    str(h.protocol) &&
    str(h.status) &&
    stamp(h.firstSeen) &&
    stamp(h.lastSeen) &&
    stamp(h.lastScan) &&
    numOrNull(h.timesObserved) &&
    all(h.banners, banner) &&
    all(h.services, service) &&
    certificate(h.certificate) &&
    (h.host === null || (isObj(h.host) && str(h.host.id))) &&
    record(h.extra) &&
    strings(h.warnings)
  );
}

function request(r: unknown): boolean {
  if (!isObj(r) || typeof r.url !== 'string' || !strings(r.select) || !strings(r.expand)) return false;
  const from = r.resolvedFrom;
  return from === null || (isObj(from) && typeof from.host === 'string' && num(from.port));
}

const CLOUDS = new Set(['global', 'usGovL4', 'usGovL5', 'china', 'custom']);
const SOURCES = new Set(['graph', 'demo', 'token']);

/** True only for a value snapshotSchema accepts; false means "ask the schema". */
export function surelyValidSnapshot(v: unknown): boolean {
  return (
    isObj(v) &&
    typeof v.id === 'string' &&
    SNAPSHOT_ID.test(v.id) &&
    typeof v.hostPortId === 'string' &&
    v.hostPortId.length > 0 &&
    v.hostPortId.length <= SAVED_HOST_PORT_ID_MAX &&
    str(v.host) &&
    (v.port === null || Number.isSafeInteger(v.port)) &&
    date(v.savedAt) &&
    typeof v.cloud === 'string' &&
    CLOUDS.has(v.cloud) &&
    str(v.tenant) &&
    str(v.account) &&
    typeof v.source === 'string' &&
    SOURCES.has(v.source) &&
    request(v.request) &&
    typeof v.raw === 'string' &&
    hostPort(v.hostPort) &&
    // Optional and rare; its own schema is the test.
    (v.context === undefined || contextSchema.safeParse(v.context).success)
  );
}
