// What a bulk job will look up, read from pasted lines or one CSV column with the same host/port reading the
// lookup form uses (host-port-input). Runs in the renderer (the preview before Start) and in main (the
// authority when a job starts), so both agree on every target, rejection and duplicate. No Node built-ins.

import { hostPortIdProblem } from './host-port-id';
import { parseHostInput } from './host-port-input';

/** Most targets in one job. */
export const MAX_BULK_TARGETS = 10_000;
/** Most characters of pasted text or an opened file the reader accepts (10,000 long lines fit). */
export const MAX_BULK_TEXT = 4_000_000;

/** One thing to look up. A host without a port means every port Graph observed on it. */
export type BulkTarget =
  | { key: string; line: number; kind: 'port'; host: string; port: number }
  | { key: string; line: number; kind: 'host'; host: string }
  | { key: string; line: number; kind: 'id'; hostPortId: string };

export interface BulkRejected {
  line: number;
  text: string;
  reason: string;
}

export interface BulkDuplicate {
  line: number;
  text: string;
  /** Key of the target that already covers this line. */
  sameAs: string;
  /** Line of that target. */
  firstLine: number;
}

export interface BulkPlan {
  targets: BulkTarget[];
  rejected: BulkRejected[];
  duplicates: BulkDuplicate[];
}

/** A pasted id: base64-looking text without dots, the shape Graph's ids have (e.g. ODUuMTMuMTM5LjE4JCQyMQ==). */
const ID_SHAPE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
const ID_PREFIX = /^(?:host\s*port\s*id|hostPortId|id)\s*[:=]\s*/i;

export type TargetSpec = { kind: 'port'; host: string; port: number } | { kind: 'host'; host: string } | { kind: 'id'; hostPortId: string };

export function targetKey(t: TargetSpec): string {
  if (t.kind === 'id') return `id:${t.hostPortId}`;
  if (t.kind === 'host') return `${t.host}|*`;
  return `${t.host}|${t.port}`;
}

type Read = { ok: true; target: TargetSpec } | { ok: false; reason: string } | null;

/** One line (or CSV cell) → a target, a reason it is refused, or null when it holds nothing to look up. */
export function readBulkLine(raw: string): Read {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return null;
  const prefixed = ID_PREFIX.exec(text);
  if (prefixed) return readId(text.slice(prefixed[0].length).trim());
  if (ID_SHAPE.test(text) && !/^[0-9a-f]+$/i.test(text) && /[A-Z]/.test(text) && /[a-z]/.test(text)) return readId(text);
  const r = parseHostInput(text);
  if (!r.ok) return { ok: false, reason: r.error };
  if (r.hostPortId !== undefined) return readId(r.hostPortId);
  if (r.port === undefined) return { ok: true, target: { kind: 'host', host: r.host } };
  return { ok: true, target: { kind: 'port', host: r.host, port: r.port } };
}

function readId(id: string): Read {
  const problem = hostPortIdProblem(id);
  return problem ? { ok: false, reason: problem } : { ok: true, target: { kind: 'id', hostPortId: id } };
}

/** Lines → the plan: targets in first-seen order, rejections with reasons, duplicates with what covers them. */
export function planBulk(lines: readonly string[]): BulkPlan {
  const targets: BulkTarget[] = [];
  const rejected: BulkRejected[] = [];
  const duplicates: BulkDuplicate[] = [];
  const byKey = new Map<string, BulkTarget>();
  const read: { line: number; text: string; target: BulkTarget }[] = [];
  lines.forEach((text, i) => {
    const r = readBulkLine(text);
    if (r === null) return;
    const line = i + 1;
    const shown = text.trim().slice(0, 200);
    if (!r.ok) {
      rejected.push({ line, text: shown, reason: r.reason });
      return;
    }
    const target = { ...r.target, line, key: targetKey(r.target) } as BulkTarget;
    read.push({ line, text: shown, target });
  });
  // A host on its own covers every port of that host, wherever in the list it appears.
  const wholeHosts = new Map<string, BulkTarget>();
  for (const { target } of read) if (target.kind === 'host' && !wholeHosts.has(target.host)) wholeHosts.set(target.host, target);
  for (const { line, text, target } of read) {
    const first = byKey.get(target.key);
    if (first) {
      duplicates.push({ line, text, sameAs: first.key, firstLine: first.line });
      continue;
    }
    const whole = target.kind === 'port' ? wholeHosts.get(target.host) : undefined;
    if (whole) {
      duplicates.push({ line, text, sameAs: whole.key, firstLine: whole.line });
      continue;
    }
    if (targets.length >= MAX_BULK_TARGETS) {
      rejected.push({ line, text, reason: `Over the limit of ${MAX_BULK_TARGETS.toLocaleString('en-US')} targets in one job; start another job for the rest.` });
      continue;
    }
    byKey.set(target.key, target);
    targets.push(target);
  }
  return { targets, rejected, duplicates };
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** RFC 4180 rows (quoted cells with "" escapes, commas, CR/LF), bounded by the text limit of the caller. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * The lines a CSV gives for a host column and an optional port column; the header row (when present) is
 * skipped, and line numbers stay those of the file.
 */
export function csvColumnLines(rows: readonly string[][], hostColumn: number, portColumn: number | null, hasHeader: boolean): string[] {
  return rows.map((row, i) => {
    if (hasHeader && i === 0) return '';
    const host = (row[hostColumn] ?? '').trim();
    const port = portColumn === null ? '' : (row[portColumn] ?? '').trim();
    return host === '' ? '' : port === '' ? host : `${host} ${port}`;
  });
}
