// Serialisable shapes for a host's context: its port list and the host endpoints (host, reputation, whois,
// passive DNS, a certificate's related hosts). Types, plus the one list of whois contact roles.
import type { HostView, Stamp } from './views';

/** One entry of GET /hosts/{host}/ports, as kept from resolving host:port. */
export interface HostPortEntryView {
  id: string;
  port: number | null;
  /** tcp, udp, or whatever Graph sends, kept as received. */
  protocol: string | null;
  status: string | null;
  lastSeen: Stamp;
}

export interface HostPortListView {
  /** The host whose list this is, as sent to Graph. */
  host: string;
  /** Every entry of every page, in Graph's order. */
  entries: HostPortEntryView[];
}

/** Where the looked-up id came from: the host's port list, a composed fallback, or pasted by the analyst. */
export type HostPortIdOrigin = 'portList' | 'composed' | 'pasted';

export interface ReputationRuleView {
  name: string | null;
  /** unknown, low, medium, high, or later values: kept as received. */
  severity: string | null;
  description: string | null;
  relatedDetailsUrl: string | null;
}

export interface ReputationView {
  /** unknown, neutral, suspicious, malicious, or later values: kept as received. */
  classification: string | null;
  /** 0 to 100. */
  score: number | null;
  rules: ReputationRuleView[];
}

export interface WhoisContactView {
  name: string | null;
  organization: string | null;
  email: string | null;
  telephone: string | null;
  fax: string | null;
  /** physicalAddress, kept as received */
  address: unknown;
}

export const WHOIS_CONTACT_ROLES = ['registrar', 'registrant', 'admin', 'technical', 'billing', 'noc', 'abuse', 'zone'] as const;
export type WhoisContactRole = (typeof WHOIS_CONTACT_ROLES)[number];

export interface WhoisView {
  contacts: Partial<Record<WhoisContactRole, WhoisContactView>>;
  registration: Stamp;
  expiration: Stamp;
  lastUpdate: Stamp;
  firstSeen: Stamp;
  lastSeen: Stamp;
  nameservers: string[];
  whoisServer: string | null;
  domainStatus: string | null;
  rawWhoisText: string | null;
}

export interface PassiveDnsRecordView {
  id: string | null;
  recordType: string | null;
  /** The other end of the record: an IP address or a hostname. */
  artifact: string | null;
  artifactType: string | null;
  parentHost: string | null;
  collected: Stamp;
  firstSeen: Stamp;
  lastSeen: Stamp;
}

export type HostSectionKind = 'host' | 'reputation' | 'whois' | 'passiveDns' | 'passiveDnsReverse' | 'relatedHosts';

export type HostSectionView =
  | { kind: 'host'; fetchedAt: string; host: HostView }
  | { kind: 'reputation'; fetchedAt: string; reputation: ReputationView }
  | { kind: 'whois'; fetchedAt: string; whois: WhoisView }
  | { kind: 'passiveDns' | 'passiveDnsReverse'; fetchedAt: string; records: PassiveDnsRecordView[]; nextLink: string | null }
  | { kind: 'relatedHosts'; fetchedAt: string; hosts: HostView[]; nextLink: string | null };

/**
 * What a saved snapshot keeps of its host's context: the port list read while resolving, and each host section
 * as main fetched it (a section loaded after the save carries its own fetchedAt).
 */
export interface SnapshotContextView {
  portList?: HostPortListView;
  sections: Partial<Record<HostSectionKind, HostSectionView>>;
}

/** What changed in the host's context between two snapshots (absent parts: not saved in both). */
export interface ContextCompareView {
  reputation: {
    classification: { before: string | null; after: string | null } | null;
    score: { before: number | null; after: number | null } | null;
    rulesAdded: ReputationRuleView[];
    rulesRemoved: ReputationRuleView[];
  } | null;
  ports: { added: HostPortEntryView[]; removed: HostPortEntryView[] } | null;
  /** Names (passive DNS both ways, hosts with the same certificate) seen after but not before, and the reverse. */
  names: { added: string[]; removed: string[] } | null;
}
