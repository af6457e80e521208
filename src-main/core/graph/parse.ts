// Tolerant parsing of a Get hostPort body into HostPortView. The documented shapes come from
// @microsoft/microsoft-graph-types, but the body is untrusted: every field is checked at runtime, oddities
// become warnings, and nothing Graph sent is dropped (unknown properties go to `extra`, the raw text is kept
// by the caller).
import type { SecurityNamespace } from '@microsoft/microsoft-graph-types';
import type {
  BannerView,
  CertificateEntityView,
  CertificateView,
  ComponentView,
  HostPortView,
  HostView,
  ServiceView,
} from '../../../src-shared/views';
import { HOSTPORT_SELECTABLE } from '../../../src-shared/selectable';
import { fail } from '../failure';
import { shorten, toStamp } from './timestamps';

type Obj = Record<string, unknown>;
/** Keys of a documented Graph type, so a typo in a property name is a compile error. */
type KeyOf<T> = keyof T & string;

// A typo or a property Graph does not document would fail this check at compile time.
const HOSTPORT_KEYS = HOSTPORT_SELECTABLE satisfies readonly KeyOf<SecurityNamespace.HostPort>[];

const HOST_KEYS = ['id', 'firstSeenDateTime', 'lastSeenDateTime'] as const satisfies readonly KeyOf<SecurityNamespace.Host>[];

export interface ParsedBody {
  hostPort: HostPortView;
  /** True when the entity came inside a "value" wrapper, as in the seed's example. */
  wrapped: boolean;
  /** The entity as parsed, for what else is read from it without parsing the text again. */
  entity: unknown;
}

/** Parses the response text of Get hostPort. Throws 'invalidResponse' when it is not JSON or not a hostPort. */
export function parseHostPortBody(text: string): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail('invalidResponse', 'Microsoft Graph answered with text that is not valid JSON.', { detail: preview(text) });
  }
  const { entity, wrapped } = unwrap(json);
  return { hostPort: parseHostPort(entity), wrapped, entity };
}

/** Ordinary Graph entity responses are bare; the seed's example wraps the entity in "value". Accept both. */
export function unwrap(json: unknown): { entity: unknown; wrapped: boolean } {
  if (isObj(json) && !('id' in json) && 'value' in json) {
    if (isObj(json.value)) return { entity: json.value, wrapped: true };
    if (Array.isArray(json.value)) {
      throw fail('invalidResponse', 'Microsoft Graph returned a list where one host port was expected.');
    }
  }
  return { entity: json, wrapped: false };
}

export function parseHostPort(entity: unknown): HostPortView {
  if (!isObj(entity)) {
    throw fail('invalidResponse', `Microsoft Graph returned ${describe(entity)} where a host port object was expected.`);
  }
  const warnings: string[] = [];
  const warn = (m: string): void => {
    // Bounded: a hostile or broken body must not turn the warning list into the bulk of a snapshot.
    if (warnings.length < 200) warnings.push(m);
  };
  const id = entity.id;
  if (typeof id !== 'string' || id === '') {
    throw fail('invalidResponse', 'Microsoft Graph returned a host port without an id.');
  }

  const extra: Obj = {};
  for (const [k, v] of Object.entries(entity)) {
    if (k.startsWith('@odata.')) continue;
    if (!(HOSTPORT_KEYS as readonly string[]).includes(k)) extra[k] = v;
  }

  return {
    id,
    port: int(entity.port, 'port', warn),
    protocol: str(entity.protocol, 'protocol', warn),
    status: str(entity.status, 'status', warn),
    firstSeen: toStamp(entity.firstSeenDateTime, 'firstSeenDateTime', warn),
    lastSeen: toStamp(entity.lastSeenDateTime, 'lastSeenDateTime', warn),
    lastScan: toStamp(entity.lastScanDateTime, 'lastScanDateTime', warn),
    timesObserved: int(entity.timesObserved, 'timesObserved', warn),
    banners: list(entity.banners, 'banners', warn).flatMap(([item, p]) => {
      const b = banner(item, p, warn);
      return b ? [b] : [];
    }),
    services: list(entity.services, 'services', warn).flatMap(([item, p]) => {
      const s = service(item, p, warn);
      return s ? [s] : [];
    }),
    certificate: certificate(entity.mostRecentSslCertificate, 'mostRecentSslCertificate', warn),
    host: host(entity.host, 'host', warn),
    extra,
    warnings,
  };
}

type Warn = (message: string) => void;

function banner(value: unknown, path: string, warn: Warn): BannerView | null {
  if (!isObj(value)) {
    warn(`${path} is not an object (got ${describe(value)}); skipped.`);
    return null;
  }
  const k = keys<SecurityNamespace.HostPortBanner>(value);
  const text = str(k('banner'), `${path}.banner`, warn);
  return {
    banner: text ?? '',
    scanProtocol: str(k('scanProtocol'), `${path}.scanProtocol`, warn),
    firstSeen: toStamp(k('firstSeenDateTime'), `${path}.firstSeenDateTime`, warn),
    lastSeen: toStamp(k('lastSeenDateTime'), `${path}.lastSeenDateTime`, warn),
    timesObserved: int(k('timesObserved'), `${path}.timesObserved`, warn),
  };
}

function service(value: unknown, path: string, warn: Warn): ServiceView | null {
  if (!isObj(value)) {
    warn(`${path} is not an object (got ${describe(value)}); skipped.`);
    return null;
  }
  const k = keys<SecurityNamespace.HostPortComponent>(value);
  return {
    firstSeen: toStamp(k('firstSeenDateTime'), `${path}.firstSeenDateTime`, warn),
    lastSeen: toStamp(k('lastSeenDateTime'), `${path}.lastSeenDateTime`, warn),
    isRecent: bool(k('isRecent'), `${path}.isRecent`, warn),
    component: component(k('component'), `${path}.component`, warn),
  };
}

function component(value: unknown, path: string, warn: Warn): ComponentView | null {
  if (value === undefined || value === null) return null;
  if (!isObj(value)) {
    warn(`${path} is not an object (got ${describe(value)}); ignored.`);
    return null;
  }
  const k = keys<SecurityNamespace.HostComponent>(value);
  return {
    id: str(k('id'), `${path}.id`, warn),
    name: str(k('name'), `${path}.name`, warn),
    // Versions are free text ("8.2p1", "2.4.x"): never parsed as numbers.
    version: str(k('version'), `${path}.version`, warn),
    category: str(k('category'), `${path}.category`, warn),
    firstSeen: toStamp(k('firstSeenDateTime'), `${path}.firstSeenDateTime`, warn),
    lastSeen: toStamp(k('lastSeenDateTime'), `${path}.lastSeenDateTime`, warn),
  };
}

function certificate(value: unknown, path: string, warn: Warn): CertificateView | null {
  if (value === undefined || value === null) return null;
  if (!isObj(value)) {
    warn(`${path} is not an object (got ${describe(value)}); ignored.`);
    return null;
  }
  const k = keys<SecurityNamespace.SslCertificate>(value);
  const meaningful = Object.keys(value).filter((key) => !key.startsWith('@odata.'));
  return {
    id: str(k('id'), `${path}.id`, warn),
    sha1: str(k('sha1'), `${path}.sha1`, warn),
    fingerprint: str(k('fingerprint'), `${path}.fingerprint`, warn),
    serialNumber: str(k('serialNumber'), `${path}.serialNumber`, warn),
    issueDate: toStamp(k('issueDateTime'), `${path}.issueDateTime`, warn),
    expirationDate: toStamp(k('expirationDateTime'), `${path}.expirationDateTime`, warn),
    firstSeen: toStamp(k('firstSeenDateTime'), `${path}.firstSeenDateTime`, warn),
    lastSeen: toStamp(k('lastSeenDateTime'), `${path}.lastSeenDateTime`, warn),
    issuer: certEntity(k('issuer'), `${path}.issuer`, warn),
    subject: certEntity(k('subject'), `${path}.subject`, warn),
    // Without $expand Graph returns just a reference: {"id": "…"}.
    referenceOnly: meaningful.length === 1 && meaningful[0] === 'id',
  };
}

function certEntity(value: unknown, path: string, warn: Warn): CertificateEntityView | null {
  if (value === undefined || value === null) return null;
  if (!isObj(value)) {
    warn(`${path} is not an object (got ${describe(value)}); ignored.`);
    return null;
  }
  const k = keys<SecurityNamespace.SslCertificateEntity>(value);
  return {
    commonName: str(k('commonName'), `${path}.commonName`, warn),
    alternateNames: list(k('alternateNames'), `${path}.alternateNames`, warn).flatMap(([n, p]) => {
      const s = str(n, p, warn);
      return s === null ? [] : [s];
    }),
    organizationName: str(k('organizationName'), `${path}.organizationName`, warn),
    organizationUnitName: str(k('organizationUnitName'), `${path}.organizationUnitName`, warn),
    email: str(k('email'), `${path}.email`, warn),
    givenName: str(k('givenName'), `${path}.givenName`, warn),
    surname: str(k('surname'), `${path}.surname`, warn),
    serialNumber: str(k('serialNumber'), `${path}.serialNumber`, warn),
    address: k('address') ?? null,
  };
}

function host(value: unknown, path: string, warn: Warn): HostView | null {
  if (value === undefined || value === null) return null;
  if (!isObj(value)) {
    warn(`${path} is not an object (got ${describe(value)}); ignored.`);
    return null;
  }
  const details: Obj = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('@odata.') || (HOST_KEYS as readonly string[]).includes(key)) continue;
    details[key] = v;
  }
  const odataType = value['@odata.type'];
  return {
    id: str(value.id, `${path}.id`, warn),
    odataType: typeof odataType === 'string' ? odataType : null,
    firstSeen: toStamp(value.firstSeenDateTime, `${path}.firstSeenDateTime`, warn),
    lastSeen: toStamp(value.lastSeenDateTime, `${path}.lastSeenDateTime`, warn),
    details,
  };
}

// ---- scalar coercion: tolerate, keep what can be kept, and say so ----

function str(value: unknown, path: string, warn: Warn): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
  warn(`${path} is not text (got ${describe(value)}); shown as ${shorten(shown)}.`);
  return shown;
}

function int(value: unknown, path: string, warn: Warn): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    warn(`${path} is a string, not a number: ${shorten(value)}.`);
    return Number(value.trim());
  }
  warn(`${path} is not a number (got ${describe(value)}); ignored.`);
  return null;
}

function bool(value: unknown, path: string, warn: Warn): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') {
    warn(`${path} is a string, not a boolean: ${shorten(value)}.`);
    return value === 'true';
  }
  warn(`${path} is not true or false (got ${describe(value)}); ignored.`);
  return null;
}

/** Items of a collection with their paths; missing or null means empty, anything else non-array is a warning. */
function list(value: unknown, path: string, warn: Warn): [unknown, string][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warn(`${path} is not a list (got ${describe(value)}); ignored.`);
    return [];
  }
  return value.map((item, i) => [item, `${path}[${i}]`]);
}

function keys<T>(obj: Obj): (key: KeyOf<T>) => unknown {
  return (key) => obj[key];
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function preview(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

/** A host entity on its own (GET /hosts/{id}, a certificate's related hosts), read as the hostPort's host is. */
export function parseHostEntity(value: unknown): HostView | null {
  return host(value, 'host', () => undefined);
}
