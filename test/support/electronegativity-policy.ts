// The policy for Electronegativity's findings (SARIF from scripts/electronegativity.mjs): no finding of
// MEDIUM severity or above, unless test/security/electronegativity-exceptions.json lists its check and file
// with a reason. Exceptions match on check id + file, never on line numbers, so ordinary edits do not churn
// the list; an exception that matches nothing any more is stale and fails too, so the list stays honest.

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  check: string;
  /** "<scanned folder>/<path inside it>", or just the folder for a finding about the whole tree. */
  file: string;
  line: number;
  severity: Severity;
  confidence: string;
  message: string;
}

export interface PolicyException {
  check: string;
  file: string;
  reason: string;
}

export interface PolicyOutcome {
  /** At or above the threshold and not excused: each fails the run. */
  unexpected: Finding[];
  /** Exceptions that matched no finding at or above the threshold: each fails the run. */
  stale: PolicyException[];
  excused: Finding[];
  belowThreshold: Finding[];
}

interface SarifLocation {
  physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } };
}
interface SarifRun {
  artifacts?: { location?: { uri?: string } }[];
  invocations?: {
    toolExecutionNotifications?: { level?: string; message?: { text?: string }; locations?: SarifLocation[] }[];
    properties?: { refusedNetworkRequests?: string[] };
  }[];
  results?: {
    ruleId?: string;
    message?: { text?: string };
    locations?: SarifLocation[];
    properties?: { severity?: string; confidence?: string };
  }[];
}
interface Sarif {
  runs?: SarifRun[];
}

const runsOf = (sarif: unknown): SarifRun[] => (sarif as Sarif).runs ?? [];
const uriOf = (locations: SarifLocation[] | undefined): string => locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';

function severityOf(value: string | undefined): Severity {
  const upper = (value ?? '').toUpperCase();
  // A result without a known severity is treated as the worst, so a format change cannot hide findings.
  return (SEVERITIES as readonly string[]).includes(upper) ? (upper as Severity) : 'HIGH';
}

export function findingsFromSarif(sarif: unknown): Finding[] {
  return runsOf(sarif).flatMap((run) =>
    (run.results ?? []).map((r) => ({
      check: r.ruleId ?? '(no rule id)',
      file: uriOf(r.locations),
      line: r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
      severity: severityOf(r.properties?.severity),
      confidence: r.properties?.confidence ?? '',
      message: r.message?.text ?? '',
    })),
  );
}

/** Every file the scans read. */
export function scannedFiles(sarif: unknown): string[] {
  return runsOf(sarif).flatMap((run) => (run.artifacts ?? []).map((a) => a.location?.uri ?? ''));
}

/** Files a scan could not parse, and so did not check, with the parser's message. */
export function unparsedFiles(sarif: unknown): string[] {
  return runsOf(sarif).flatMap((run) =>
    (run.invocations ?? []).flatMap((inv) =>
      (inv.toolExecutionNotifications ?? []).filter((n) => n.level === 'error').map((n) => `${uriOf(n.locations)}: ${n.message?.text ?? ''}`),
    ),
  );
}

/** What the tool tried to fetch and the offline stub refused. */
export function refusedRequests(sarif: unknown): string[] {
  return runsOf(sarif).flatMap((run) => (run.invocations ?? []).flatMap((inv) => inv.properties?.refusedNetworkRequests ?? []));
}

/** Validates the checked-in list: an array of { check, file, reason }, all non-empty, no pair twice. */
export function parseExceptions(json: unknown): PolicyException[] {
  if (!Array.isArray(json)) throw new Error('the exceptions file must hold a JSON array');
  const seen = new Set<string>();
  return json.map((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    for (const key of ['check', 'file', 'reason']) {
      if (typeof e[key] !== 'string' || !(e[key] as string).trim()) throw new Error(`exception #${i + 1}: "${key}" must be a non-empty string`);
    }
    const extra = Object.keys(e).filter((k) => !['check', 'file', 'reason'].includes(k));
    if (extra.length) throw new Error(`exception #${i + 1}: unknown field(s) ${extra.join(', ')}`);
    const key = `${e.check} ${e.file}`;
    if (seen.has(key)) throw new Error(`exception #${i + 1}: ${e.check} in ${e.file} is listed twice`);
    seen.add(key);
    return { check: e.check as string, file: e.file as string, reason: e.reason as string };
  });
}

export function judge(findings: Finding[], exceptions: PolicyException[], threshold: Severity = 'MEDIUM'): PolicyOutcome {
  const min = SEVERITIES.indexOf(threshold);
  const relevant = findings.filter((f) => SEVERITIES.indexOf(f.severity) >= min);
  const excuses = (e: PolicyException, f: Finding) => e.check === f.check && e.file === f.file;
  return {
    unexpected: relevant.filter((f) => !exceptions.some((e) => excuses(e, f))),
    stale: exceptions.filter((e) => !relevant.some((f) => excuses(e, f))),
    excused: relevant.filter((f) => exceptions.some((e) => excuses(e, f))),
    belowThreshold: findings.filter((f) => SEVERITIES.indexOf(f.severity) < min),
  };
}

export function describeOutcome(outcome: PolicyOutcome, exceptionsPath: string): string {
  const lines: string[] = [];
  if (outcome.unexpected.length) {
    lines.push(
      `${outcome.unexpected.length} Electronegativity finding(s) of MEDIUM severity or above are not in ${exceptionsPath}.`,
      'Fix the code, or, for a false positive, add { "check", "file", "reason" } there with a precise reason:',
      ...outcome.unexpected.map((f) => `  ${f.severity} ${f.check} ${f.file}:${f.line} (${f.confidence}) ${f.message}`),
    );
  }
  if (outcome.stale.length) {
    lines.push(
      `${outcome.stale.length} exception(s) in ${exceptionsPath} match no finding any more; remove them:`,
      ...outcome.stale.map((e) => `  ${e.check} ${e.file}`),
    );
  }
  return lines.join('\n');
}
