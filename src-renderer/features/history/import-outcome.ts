// The sentence an import ends with: what was merged, skipped and refused, and where the first refusal was.
import type { ImportReportView, PortolanError } from '../../../src-shared/contract';
import { plural } from './saved-label';

function problemText(r: ImportReportView): string {
  const first = r.problems?.[0];
  if (!first) return '';
  // An NDJSON record is found by its line (its `where` is only its record type); a record inside an older JSON
  // document also by its place in it (`hostPorts[i].snapshots[j]`).
  const place = first.where.includes('[') ? first.where : null;
  const at = first.line !== null ? (place ? `line ${first.line}, ${place}` : `line ${first.line}`) : first.where;
  return ` (${at}: ${first.message}${(r.refused ?? 0) > 1 ? '; …' : ''})`;
}

/** What an import did, in one sentence; an all-or-nothing import that refused a record is an error instead. */
export function importOutcome(r: ImportReportView): { report: string } | { error: PortolanError } {
  const refused = r.refused ?? 0;
  if (r.aborted) {
    return { error: { kind: 'invalidInput', message: `Nothing was imported: ${plural(refused, 'malformed record')} found${problemText(r)}.` } };
  }
  const base = `Imported ${plural(r.added, 'snapshot')}, skipped ${r.skipped} already in the history.`;
  return { report: refused > 0 ? `${base} Refused ${plural(refused, 'malformed record')}${problemText(r)}.` : base };
}
