// CSV for spreadsheets: one row per banner and per service of every snapshot (a snapshot with neither gets one
// "snapshot" row so it is not silently missing). Banners and service names are attacker-controlled, so a cell
// that a spreadsheet would run as a formula is defused with a leading apostrophe (OWASP's CSV injection advice).
import type { SnapshotView } from '../../../src-shared/views';

const HEADER = [
  'hostPortId',
  'host',
  'port',
  'snapshotId',
  'savedAt',
  'status',
  'protocol',
  'kind',
  'banner',
  'scanProtocol',
  'timesObserved',
  'serviceName',
  'serviceVersion',
  'serviceCategory',
  'isRecent',
  'firstSeen',
  'lastSeen',
];

type Cell = string | number | boolean | null | undefined;

/**
 * Where a spreadsheet could start a formula: a line that begins with a formula character (ASCII or the
 * full-width forms some spreadsheets also accept), possibly after blanks that it trims, or with a tab;
 * and a cell that begins with a CR. Checked at the start of the cell and after every line break, since a
 * multi-line cell may be split into rows by a reader that ignores quotes, or pasted line by line.
 */
const FORMULA_START = /^(?=\r)|(^|\r\n|\r|\n)(?=\t|[^\S\r\n]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;
/** Separators of the common CSV dialects (comma, semicolon, tab), quotes, line breaks and edge blanks. */
const NEEDS_QUOTES = /[,;\t"\r\n]|^\s|\s$/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are ours, never attacker text: they stay bare so spreadsheets read them as numbers.
  if (typeof value !== 'string') return String(value);
  const defused = value.replace(FORMULA_START, "$1'");
  // A defused cell is quoted too, so no reader can take the apostrophe and the rest apart.
  return defused !== value || NEEDS_QUOTES.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

export const CSV_HEADER_LINE = HEADER.join(',');

/** The rows of one snapshot, each without its line break. */
export function csvSnapshotRows(s: SnapshotView): string[] {
  const lines: string[] = [];
  const row = (cells: Cell[]): void => {
    lines.push(cells.map(csvCell).join(','));
  };
  const hp = s.hostPort;
  const base: Cell[] = [s.hostPortId, s.host, s.port, s.id, s.savedAt, hp.status, hp.protocol];
  for (const b of hp.banners) {
    row([...base, 'banner', b.banner, b.scanProtocol, b.timesObserved, null, null, null, null, b.firstSeen.raw, b.lastSeen.raw]);
  }
  for (const svc of hp.services) {
    const c = svc.component;
    row([...base, 'service', null, null, null, c?.name, c?.version, c?.category, svc.isRecent, svc.firstSeen.raw, svc.lastSeen.raw]);
  }
  if (hp.banners.length === 0 && hp.services.length === 0) {
    row([...base, 'snapshot', null, null, hp.timesObserved, null, null, null, null, hp.firstSeen.raw, hp.lastSeen.raw]);
  }
  return lines;
}

/** CRLF per RFC 4180; the BOM makes Excel read the file as UTF-8 instead of the local code page. */
export const CSV_BOM = '\ufeff';

export function csvRows(snapshots: Iterable<SnapshotView>): string {
  const lines = [CSV_HEADER_LINE];
  for (const s of snapshots) lines.push(...csvSnapshotRows(s));
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
