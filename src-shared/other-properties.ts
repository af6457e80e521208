// "Other properties": whatever Graph sent that the structured view does not show, at any depth. The raw hostPort
// is walked against the set of paths the view models, so a property Microsoft adds later (top level, inside a
// banner, a service's component, the certificate or its issuer) is listed by its path instead of only in raw JSON.

/** Paths the structured view shows; `[]` stands for any element of a list. A path ending in `*` covers its subtree. */
const MODELLED: ReadonlySet<string> = new Set([
  'id', 'port', 'protocol', 'status', 'firstSeenDateTime', 'lastSeenDateTime', 'lastScanDateTime', 'timesObserved',
  'banners', 'banners[]', 'banners[].banner', 'banners[].scanProtocol', 'banners[].firstSeenDateTime', 'banners[].lastSeenDateTime', 'banners[].timesObserved',
  'services', 'services[]', 'services[].firstSeenDateTime', 'services[].lastSeenDateTime', 'services[].isRecent', 'services[].component',
  'services[].component.id', 'services[].component.name', 'services[].component.version', 'services[].component.category',
  'services[].component.firstSeenDateTime', 'services[].component.lastSeenDateTime',
  // The host section lists every property of the host it was sent.
  'host*',
  'mostRecentSslCertificate', 'mostRecentSslCertificate.id', 'mostRecentSslCertificate.sha1', 'mostRecentSslCertificate.fingerprint',
  'mostRecentSslCertificate.serialNumber', 'mostRecentSslCertificate.issueDateTime', 'mostRecentSslCertificate.expirationDateTime',
  'mostRecentSslCertificate.firstSeenDateTime', 'mostRecentSslCertificate.lastSeenDateTime',
  ...['issuer', 'subject'].flatMap((side) => {
    const base = `mostRecentSslCertificate.${side}`;
    return [base, ...['commonName', 'alternateNames', 'organizationName', 'organizationUnitName', 'email', 'givenName', 'surname', 'serialNumber', 'address*'].map((k) => `${base}.${k}`)];
  }),
]);

export interface OtherProperty {
  /** Where it is, with list positions: services[2].component.vendor. */
  path: string;
  /** Its value as text (objects and lists as JSON). */
  value: string | null;
}

/** At most this many rows: a hostile body must not turn the list into the bulk of the page. */
const MAX_ROWS = 500;

/** The other properties of a response body (text); none when it is not JSON. */
export function otherProperties(raw: string): OtherProperty[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return [];
  }
  return otherPropertiesOf(json);
}

/** The other properties of a body already parsed (main has it at hand when it reads Graph's answer). */
export function otherPropertiesOf(body: unknown): OtherProperty[] {
  let json = body;
  // The seed's example wraps the entity in "value"; ordinary responses are bare.
  if (isObj(json) && !('id' in json) && isObj(json.value)) json = json.value;
  const out: OtherProperty[] = [];
  if (isObj(json)) walk(json, '', '', out);
  return out;
}

function walk(obj: Record<string, unknown>, pattern: string, path: string, out: OtherProperty[]): void {
  for (const [key, value] of Object.entries(obj)) {
    if (out.length >= MAX_ROWS) return;
    if (key.startsWith('@odata.')) continue;
    const p = pattern ? `${pattern}.${key}` : key;
    const at = path ? `${path}.${key}` : key;
    if (MODELLED.has(`${p}*`)) continue;
    if (!MODELLED.has(p)) {
      unmodelled(value, at, 0, out);
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isObj(item) && MODELLED.has(`${p}[]`)) walk(item, `${p}[]`, `${at}[${i}]`, out);
      });
    } else if (isObj(value)) {
      walk(value, p, at, out);
    }
  }
}

/** An unmodelled object is listed leaf by leaf (two levels deep, then as JSON), like the host's details. */
function unmodelled(value: unknown, at: string, depth: number, out: OtherProperty[]): void {
  if (isObj(value) && depth < 2 && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) if (out.length < MAX_ROWS) unmodelled(v, `${at}.${k}`, depth + 1, out);
  } else {
    out.push({ path: at, value: text(value) });
  }
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
