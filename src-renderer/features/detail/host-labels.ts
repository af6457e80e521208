// Readable labels for the host's type-specific properties (Graph's ipAddress and hostname), and the autonomous
// system as one line. Properties without a label keep their Graph name.
const LABELS: Record<string, string> = {
  autonomousSystem: 'Autonomous system',
  'autonomousSystem.number': 'AS number',
  'autonomousSystem.name': 'AS name',
  'autonomousSystem.organization': 'AS organization',
  'autonomousSystem.value': 'AS',
  'autonomousSystem.dateObserved': 'AS observed',
  countryOrRegion: 'Country or region',
  hostingProvider: 'Hosting provider',
  netblock: 'Netblock',
  registrar: 'Registrar',
  registrant: 'Registrant',
};

export function hostLabel(key: string): string {
  return LABELS[key] ?? key;
}

/** "AS64500 EXAMPLE-CLOUD (Example Cloud B.V.)" from Graph's autonomousSystem, or null when it says nothing. */
export function asLine(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const as = value as Record<string, unknown>;
  const number = typeof as.number === 'number' ? `AS${as.number}` : typeof as.value === 'string' ? as.value : null;
  const name = typeof as.name === 'string' ? as.name : null;
  const org = typeof as.organization === 'string' ? as.organization : null;
  const parts = [number, name, org && org !== name ? `(${org})` : null].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' ') : null;
}

/**
 * The rows that say who runs a host, at the top of the detail: the autonomous system as one line, its own
 * `value` as well when that says more than "AS<number>", then country, provider, netblock, registrar, registrant.
 */
export function hostOverviewRows(details: Record<string, unknown>): { key: string; value: string | null }[] {
  const rows: { key: string; value: string | null }[] = [];
  const as = details.autonomousSystem;
  if ('autonomousSystem' in details) {
    rows.push({ key: 'autonomousSystem', value: asLine(as) });
    const own = typeof as === 'object' && as !== null ? (as as Record<string, unknown>) : {};
    const redundant = typeof own.number !== 'number' || [`AS${own.number}`, String(own.number)].includes(String(own.value).trim().toUpperCase());
    if (typeof own.value === 'string' && own.value.trim() !== '' && !redundant) rows.push({ key: 'autonomousSystem.value', value: own.value });
  }
  for (const key of ['countryOrRegion', 'hostingProvider', 'netblock', 'registrar', 'registrant']) {
    if (key in details) rows.push({ key, value: details[key] === null || details[key] === undefined ? null : String(details[key]) });
  }
  return rows;
}

/** Severity → badge tone; values Graph may add later stay neutral. */
export function classificationTone(value: string | null): 'ok' | 'warn' | 'danger' | '' {
  switch (value) {
    case 'malicious':
    case 'high':
      return 'danger';
    case 'suspicious':
    case 'medium':
      return 'warn';
    case 'neutral':
    case 'low':
      return 'ok';
    default:
      return '';
  }
}
