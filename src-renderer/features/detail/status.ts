/** A host's kind from its @odata.type, e.g. '#microsoft.graph.security.ipAddress' → 'ipAddress'. */
export function hostKind(odataType: string | null): string | null {
  if (!odataType) return null;
  const m = /^#?microsoft\.graph\.security\.(\w+)$/.exec(odataType);
  return m?.[1] ?? odataType;
}

/** Flattens type-specific details (autonomousSystem: {name, number}) into key/value rows of text. */
export function detailRows(details: Record<string, unknown>, prefix = '', depth = 0): { key: string; value: string | null }[] {
  const rows: { key: string; value: string | null }[] = [];
  for (const [k, v] of Object.entries(details)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === null || v === undefined) rows.push({ key, value: null });
    else if (typeof v === 'object' && !Array.isArray(v) && depth < 2) rows.push(...detailRows(v as Record<string, unknown>, key, depth + 1));
    else if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) rows.push({ key, value: v.map(String).join(', ') });
    else if (typeof v === 'object') rows.push({ key, value: JSON.stringify(v) });
    else rows.push({ key, value: String(v) });
  }
  return rows;
}
