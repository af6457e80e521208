// A job's results as CSV (one row per result, cells defused by the history export's encoder, since banners
// and service names are attacker-controlled) or JSON.
import type { BulkResultRowView } from '../../../src-shared/bulk-views';
import type { ExportView } from '../../../src-shared/views';
import { CSV_BOM, csvCell } from '../history/export-csv';

const HEADER = ['line', 'target', 'outcome', 'host', 'port', 'protocol', 'status', 'banners', 'services', 'topServices', 'certificateSubject', 'hostPortId', 'snapshotId', 'errorKind', 'errorCode', 'errorStatus', 'error'];

export function bulkCsv(rows: readonly BulkResultRowView[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    const h = r.hit;
    lines.push(
      [
        r.line,
        r.target,
        r.outcome,
        h?.host,
        h?.port,
        h?.protocol,
        h?.status,
        h?.bannerCount,
        h?.serviceCount,
        h?.topServices.join('; '),
        h?.certificateSubject,
        h?.hostPortId,
        h?.snapshotId,
        r.error?.kind,
        r.error?.code,
        r.error?.status,
        r.error?.message,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

export function bulkExport(name: string, createdAt: string, rows: readonly BulkResultRowView[], format: 'csv' | 'json'): ExportView {
  const base = `portolan-bulk-${name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'job'}-${createdAt.slice(0, 10)}`;
  if (format === 'csv') return { filename: `${base}.csv`, mime: 'text/csv', content: bulkCsv(rows) };
  return { filename: `${base}.json`, mime: 'application/json', content: JSON.stringify({ format: 'portolan-bulk-results', version: 1, name, createdAt, rows }, null, 2) };
}
