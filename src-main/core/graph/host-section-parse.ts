// Reading the host endpoints' bodies into views. Tolerant as the hostPort parser is: missing or mistyped
// values become null, invalid dates keep their raw text, unknown enum values are kept as received.
import type { PassiveDnsRecordView, ReputationView, WhoisContactRole, WhoisContactView, WhoisView } from '../../../src-shared/host-views';
import { WHOIS_CONTACT_ROLES } from '../../../src-shared/host-views';
import type { HostView } from '../../../src-shared/views';
import { fail } from '../failure';
import { parseHostEntity, unwrap } from './parse';
import { toStamp } from './timestamps';

type Obj = Record<string, unknown>;
const quiet = (): void => undefined;

export function parseEntityBody(body: string, what: string): Obj {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw fail('invalidResponse', `${what} is not valid JSON.`);
  }
  const { entity } = unwrap(json);
  if (!isObj(entity)) throw fail('invalidResponse', `${what} is not a JSON object.`);
  return entity;
}

export function parseReputation(e: Obj): ReputationView {
  const rules = Array.isArray(e.rules) ? e.rules.filter(isObj) : [];
  return {
    classification: text(e.classification),
    score: typeof e.score === 'number' && Number.isFinite(e.score) ? e.score : null,
    rules: rules.map((r) => ({
      name: text(r.name),
      severity: text(r.severity),
      description: text(r.description),
      relatedDetailsUrl: text(r.relatedDetailsUrl),
    })),
  };
}

export function parseWhois(e: Obj): WhoisView {
  const contacts: Partial<Record<WhoisContactRole, WhoisContactView>> = {};
  for (const role of WHOIS_CONTACT_ROLES) {
    const c = e[role];
    if (isObj(c)) contacts[role] = contact(c);
  }
  const nameservers = (Array.isArray(e.nameservers) ? e.nameservers : [])
    .map((n) => (isObj(n) && isObj(n.host) ? text(n.host.id) : typeof n === 'string' ? n : null))
    .filter((n): n is string => n !== null);
  return {
    contacts,
    registration: toStamp(e.registrationDateTime, 'registrationDateTime', quiet),
    expiration: toStamp(e.expirationDateTime, 'expirationDateTime', quiet),
    lastUpdate: toStamp(e.lastUpdateDateTime, 'lastUpdateDateTime', quiet),
    firstSeen: toStamp(e.firstSeenDateTime, 'firstSeenDateTime', quiet),
    lastSeen: toStamp(e.lastSeenDateTime, 'lastSeenDateTime', quiet),
    nameservers,
    whoisServer: text(e.whoisServer),
    domainStatus: text(e.domainStatus),
    rawWhoisText: text(e.rawWhoisText),
  };
}

export function parsePassiveDns(item: unknown): PassiveDnsRecordView | null {
  if (!isObj(item)) return null;
  const artifact = isObj(item.artifact) ? item.artifact : null;
  const parent = isObj(item.parentHost) ? item.parentHost : null;
  return {
    id: text(item.id),
    recordType: text(item.recordType),
    artifact: artifact ? text(artifact.id) : null,
    artifactType: artifact ? text(artifact['@odata.type']) : null,
    parentHost: parent ? text(parent.id) : null,
    collected: toStamp(item.collectedDateTime, 'collectedDateTime', quiet),
    firstSeen: toStamp(item.firstSeenDateTime, 'firstSeenDateTime', quiet),
    lastSeen: toStamp(item.lastSeenDateTime, 'lastSeenDateTime', quiet),
  };
}

export function parseHost(item: unknown): HostView | null {
  return parseHostEntity(item);
}

function contact(c: Obj): WhoisContactView {
  return {
    name: text(c.name),
    organization: text(c.organization),
    email: text(c.email),
    telephone: text(c.telephone),
    fax: text(c.fax),
    address: c.address ?? null,
  };
}

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
