// $select / $expand for Get hostPort, checked against the documented rules before anything is sent.
import { HOSTPORT_SELECTABLE, type SelectableField } from '../../../src-shared/contract';
import { fail } from '../failure';

export const EXPANDABLE = ['mostRecentSslCertificate'] as const;

export interface QueryOptions {
  select?: readonly string[] | undefined;
  expandCertificate: boolean;
}

export interface BuiltQuery {
  /** Empty = every property. */
  select: SelectableField[];
  expand: string[];
  /** '' or '?$select=…&$expand=…' */
  search: string;
}

const NESTED_RULE =
  "You can't use $select on nested properties (for example, mostRecentSslCertificate/id or host/id); select host or mostRecentSslCertificate as a whole.";

export function validateSelect(fields: readonly string[] | undefined): SelectableField[] {
  const wanted = new Set<string>();
  for (const raw of fields ?? []) {
    if (typeof raw !== 'string') throw fail('invalidInput', 'Each $select entry must be a property name.');
    const name = raw.trim();
    if (name === '') continue;
    if (name.includes('/') || name.includes('.')) {
      throw fail('invalidInput', `$select cannot name "${name.slice(0, 80)}": ${NESTED_RULE}`);
    }
    if (!(HOSTPORT_SELECTABLE as readonly string[]).includes(name)) {
      throw fail(
        'invalidInput',
        `"${name.slice(0, 80)}" is not a hostPort property that $select accepts; use ${HOSTPORT_SELECTABLE.join(', ')}.`,
      );
    }
    wanted.add(name);
  }
  // Stable order (the documented property order) so equal requests produce equal URLs and history entries.
  return HOSTPORT_SELECTABLE.filter((f) => wanted.has(f));
}

export function buildHostPortQuery(opts: QueryOptions): BuiltQuery {
  const select = validateSelect(opts.select);
  if (select.length > 0) {
    // Every snapshot is keyed by the hostPort id, so a narrowed response must still carry it.
    if (!select.includes('id')) select.unshift('id');
    // OData lets a service drop a navigation property that a non-empty $select leaves out, even when it
    // is expanded. The analyst asked for the certificate, so name it in $select too rather than risk an
    // answer without it.
    if (opts.expandCertificate && !select.includes('mostRecentSslCertificate')) select.push('mostRecentSslCertificate');
  }
  const ordered = HOSTPORT_SELECTABLE.filter((f) => select.includes(f));
  const expand = opts.expandCertificate ? [...EXPANDABLE] : [];
  const parts: string[] = [];
  if (ordered.length) parts.push(`$select=${ordered.join(',')}`);
  if (expand.length) parts.push(`$expand=${expand.join(',')}`);
  return { select: ordered, expand, search: parts.length ? `?${parts.join('&')}` : '' };
}
