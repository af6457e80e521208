// A hostPort body in which every structural property that Microsoft's published v1.0 schema lists (the fact file
// test/fixtures/graph-schema/hostport-v1.json) has a value of its own, with the list of what was put where. A
// property added to the fact file becomes one more value here, and so one more assertion in the tests that use it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SchemaProperty {
  name: string;
  type: string;
}

export interface SchemaType {
  kind: 'EntityType' | 'ComplexType';
  baseType?: string;
  abstract?: boolean;
  properties: SchemaProperty[];
  navigationProperties?: SchemaProperty[];
}

export interface SchemaFacts {
  source: { repository: string; path: string; commit: string; note: string };
  types: Record<string, SchemaType>;
  enums: Record<string, string[]>;
}

/** Where the detail shows a property: the structured section that holds it. */
export type DetailSection = 'overview' | 'banners' | 'services' | 'certificate' | 'host';

export interface PlantedValue {
  /** Path in the body, with list positions: mostRecentSslCertificate.subject.alternateNames[1]. */
  path: string;
  /** The type that declares the property (inherited ones name their base, e.g. microsoft.graph.entity for id). */
  declaredBy: string;
  /** The type of the object the property was set on. */
  on: string;
  name: string;
  /** Edm.String, Edm.Int32, Edm.Boolean, Edm.DateTimeOffset, or an enum type's name. */
  type: string;
  value: string | number | boolean;
  section: DetailSection;
}

export const SCHEMA_FILE = join(__dirname, '..', 'fixtures', 'graph-schema', 'hostport-v1.json');

export function loadSchemaFacts(): SchemaFacts {
  return JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as SchemaFacts;
}

/** A type's properties, inherited ones first, each with the type that declares it. */
export function allProperties(facts: SchemaFacts, typeName: string): (SchemaProperty & { declaredBy: string; navigation: boolean })[] {
  const t = facts.types[typeName];
  if (!t) throw new Error(`The fact file has no type ${typeName}.`);
  const inherited = t.baseType ? allProperties(facts, t.baseType) : [];
  return [
    ...inherited,
    ...t.properties.map((p) => ({ ...p, declaredBy: typeName, navigation: false })),
    ...(t.navigationProperties ?? []).map((p) => ({ ...p, declaredBy: typeName, navigation: true })),
  ];
}

const HOSTPORT = 'microsoft.graph.security.hostPort';
const IP_ADDRESS = 'microsoft.graph.security.ipAddress';
const DAY = 24 * 3600_000;

export interface FullBody {
  body: Record<string, unknown>;
  planted: PlantedValue[];
  /** Every type the body has an object of. */
  visited: Set<string>;
}

/**
 * Builds the body of GET hostPorts/{id}?$expand=mostRecentSslCertificate with every property set. The host is an
 * ipAddress whose id is `hostId` (so a lookup of that host resolves to this body); everything else gets a value
 * made from its path, numbers and dates distinct from each other.
 */
export function fullHostPort(facts: SchemaFacts, opts: { hostId: string; hostType?: string }): FullBody {
  return fullEntity(facts, HOSTPORT, opts);
}

/** Any type of the fact file built the same way (a host's reputation, say); its host, if any, as for a hostPort. */
export function fullEntity(facts: SchemaFacts, typeName: string, opts: { hostId: string; hostType?: string }): FullBody {
  const hostType = opts.hostType ?? IP_ADDRESS;
  const planted: PlantedValue[] = [];
  const visited = new Set<string>();
  let numbers = 0;
  let dates = 0;
  let enums = 0;
  const nextNumber = () => 431 + 17 * numbers++;
  // Days, hours, minutes and seconds all move, so no two dates share any part of their formatted text.
  const nextDate = () => {
    const ms = Date.UTC(2021, 0, 3, 1, 2, 3) + dates * (37 * DAY + 5 * 3600_000 + 7 * 60_000 + 11_000);
    dates += 1;
    return new Date(ms).toISOString().replace('.000Z', 'Z');
  };

  const sectionOf = (path: string): DetailSection => {
    if (path.startsWith('banners')) return 'banners';
    if (path.startsWith('services')) return 'services';
    if (path.startsWith('mostRecentSslCertificate')) return 'certificate';
    if (path.startsWith('host')) return 'host';
    if (typeName !== HOSTPORT) return 'host';
    return 'overview';
  };

  const scalar = (type: string, path: string): string | number | boolean => {
    if (type === 'Edm.String') return `val-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
    if (type === 'Edm.Int32') return nextNumber();
    if (type === 'Edm.DateTimeOffset') return nextDate();
    // The only boolean here is a service's isRecent; true is the value a certificate's referenceOnly never has.
    if (type === 'Edm.Boolean') return true;
    // Enum values move along the members (never to unknownFutureValue), so two enums rarely share a value.
    const members = facts.enums[type]?.filter((m) => m !== 'unknownFutureValue');
    if (members?.length) return members[enums++ % members.length] as string;
    throw new Error(`No value rule for ${type} (${path}).`);
  };

  const build = (t: string, path: string): Record<string, unknown> => {
    visited.add(t);
    const out: Record<string, unknown> = {};
    for (const p of allProperties(facts, t)) {
      const at = path ? `${path}.${p.name}` : p.name;
      const many = /^Collection\((.+)\)$/.exec(p.type);
      const itemType = many ? (many[1] as string) : p.type;
      if (facts.types[itemType]) {
        // A hostPort's host is abstract in the schema; Graph sends one of its kinds.
        const concrete = itemType === 'microsoft.graph.security.host' ? hostType : itemType;
        const make = (itemPath: string) => build(concrete, itemPath);
        out[p.name] = many ? [make(`${at}[0]`)] : make(at);
        continue;
      }
      if (p.navigation) throw new Error(`Navigation property ${at} is not to a type in the fact file.`);
      const plant = (itemPath: string) => {
        const value = scalar(itemType, itemPath);
        planted.push({ path: itemPath, declaredBy: p.declaredBy, on: t, name: p.name, type: itemType, value, section: sectionOf(itemPath) });
        return value;
      };
      out[p.name] = many ? [plant(`${at}[0]`), plant(`${at}[1]`)] : plant(at);
    }
    if (t === hostType) {
      out['@odata.type'] = `#${hostType}`;
      out.id = opts.hostId;
      const id = planted.find((v) => v.path === (path ? `${path}.id` : 'id'));
      if (id) id.value = opts.hostId;
    }
    return out;
  };

  return { body: build(typeName, ''), planted, visited };
}

/** `2021-01-03 01:02:03 UTC`: how the detail writes a valid Graph date, worked out here on its own. */
export function utcText(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}
