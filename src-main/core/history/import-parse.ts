// What an import makes of one NDJSON record before it looks at the history: the JSON parsed and checked, and for a
// snapshot its index record, search text and file text.
import type { SnapshotView } from '../../../src-shared/views';
import { snapshotSchema } from './export-format';
import { isObject, parseJsonOrUndefined } from './json-value';
import { recFromSnapshot, searchTerms, type SnapRec } from './records';
import { surelyValidSnapshot } from './snapshot-check';
import { snapshotFileText } from './snapshot-files';
import { storedAsIs } from './stored-snapshot';

/** How the exporter begins every snapshot record. */
export const SNAPSHOT_RECORD_HEAD = '{"type":"snapshot","snapshot":';

export type ParsedLine =
  | { t: 'refuse'; where: string; message: string }
  /**
   * `asIs`: the file is the record's own inner text (snapshotFileTextAround of it), which the caller still holds;
   * otherwise `text` is the file, written from the parsed value.
   */
  | { t: 'snapshot'; rec: SnapRec; terms: string[]; asIs: boolean; text?: string }
  /** A snapshot that passed its checks, when only checking (the first pass of an all-or-nothing import). */
  | { t: 'valid'; hostPortId: string }
  | { t: 'meta'; value: unknown };

/** The record a line holds; `null` is a line too long to be one. `full` false only checks it. */
export function parseLine(text: string | null, full = true): ParsedLine {
  if (text === null) return { t: 'refuse', where: 'record', message: 'the line is too long to be a Portolan record' };
  // The exporter's own spelling of a snapshot record: its inner text is parsed alone, once. When that parses,
  // the line is exactly a record of type snapshot holding that value, and the text can become the file as is.
  const inner = innerSnapshotText(text);
  if (inner !== null) {
    const value = parseJsonOrUndefined(inner);
    if (value !== undefined) return checkedSnapshot(value, 'snapshot', true, full);
  }
  const value = parseJsonOrUndefined(text);
  if (!isObject(value)) return { t: 'refuse', where: 'record', message: 'not a JSON object' };
  if (value.type === 'snapshot') return checkedSnapshot(value.snapshot, 'snapshot', false, full);
  if (value.type === 'meta') return { t: 'meta', value: value.meta };
  return { t: 'refuse', where: 'record', message: `unknown record type ${JSON.stringify(String(value.type)).slice(0, 40)}` };
}

/** The text of the `snapshot` member when the line is spelled as the exporter spells it, else null. */
export function innerSnapshotText(text: string): string | null {
  return text.startsWith(SNAPSHOT_RECORD_HEAD) && text.endsWith('}') ? text.slice(SNAPSHOT_RECORD_HEAD.length, -1) : null;
}

/** A snapshot value checked against the export format. `haveText`: the caller holds the JSON text it came from. */
export function checkedSnapshot(value: unknown, where: string, haveText: boolean, full = true): ParsedLine {
  const checked = surelyValidSnapshot(value) ? null : snapshotSchema.safeParse(value);
  if (checked && !checked.success) {
    const issue = checked.error.issues[0];
    return { t: 'refuse', where, message: `${issue?.path.join('.') || 'snapshot'}: ${issue?.message ?? 'invalid'}` };
  }
  // The original object, not zod's output: fields this version does not model are kept.
  const s = value as SnapshotView;
  if (!full) return { t: 'valid', hostPortId: s.hostPortId };
  const asIs = haveText && storedAsIs(s);
  return { t: 'snapshot', rec: recFromSnapshot(s), terms: searchTerms(s), asIs, ...(asIs ? {} : { text: snapshotFileText(s) }) };
}
