// The versioned JSON export (format version 1, one document) read as a stream: its header members, then the
// hostPorts list one snapshot at a time, so a file of any size imports in bounded memory, as NDJSON does. A
// record that is not valid JSON but whose brackets balance is refused by its position and the rest goes on;
// damage to the structure itself stops the reading there (JsonScanError, with its line and character).
import { JsonScanner } from './json-scanner';
import { isObject, parseJsonOrUndefined } from './json-value';

/** What the reader hands each record to (the import pass). */
export interface LegacySink {
  refuse(line: number | null, where: string, message: string): void;
  snapshot(value: unknown, line: number | null, where: string, owner: string | null): Promise<void>;
  meta(value: unknown, line: number | null, where: string): void;
}

/**
 * Walks `{ ...header, "hostPorts": [ { "meta": {...}, "snapshots": [ {...}, ... ] }, ... ] }`. `checkHeader` sees
 * the members read before hostPorts (format, version, exportedAt) and throws when the file is not one to import.
 */
export async function readLegacy(chunks: AsyncIterator<string>, sink: LegacySink, checkHeader: (header: Record<string, unknown>) => void, maxRecordChars: number): Promise<void> {
  const scan = new JsonScanner(chunks, maxRecordChars);
  await scan.expect('{', 'a JSON object');
  const header: Record<string, unknown> = {};
  let listed = false;
  if (!(await scan.consume('}'))) {
    do {
      const key = await scan.key();
      if (key === 'hostPorts' && !listed) {
        checkHeader(header);
        listed = true;
        await hostPorts(scan, sink);
      } else header[key] = parseJsonOrUndefined((await scan.take()).text);
    } while (await scan.nextOrEnd('}'));
  }
  if (!(await scan.atEnd())) scan.fail('unexpected text after the end of the document');
  if (!listed) checkHeader(header);
  if (!listed) scan.fail('the hostPorts list is missing');
}

async function hostPorts(scan: JsonScanner, sink: LegacySink): Promise<void> {
  await scan.expect('[', 'the hostPorts list');
  if (await scan.consume(']')) return;
  let i = 0;
  do await entry(scan, sink, `hostPorts[${i++}]`);
  while (await scan.nextOrEnd(']'));
}

async function entry(scan: JsonScanner, sink: LegacySink, where: string): Promise<void> {
  const line = scan.line;
  if ((await scan.peek()) !== '{') {
    const taken = await scan.take();
    return sink.refuse(taken.line, where, 'the entry has no snapshots list');
  }
  await scan.expect('{', 'an entry');
  let meta: unknown;
  let metaLine: number | null = null;
  let owner: string | null = null;
  let listed = false;
  if (!(await scan.consume('}'))) {
    do {
      const key = await scan.key();
      if (key === 'snapshots' && !listed && (await scan.peek()) === '[') {
        listed = true;
        await snapshots(scan, sink, where, owner);
        continue;
      }
      const taken = await scan.take();
      if (key !== 'meta') continue;
      meta = parseJsonOrUndefined(taken.text);
      metaLine = taken.line;
      const id = isObject(meta) ? meta.hostPortId : undefined;
      owner = typeof id === 'string' ? id : null;
    } while (await scan.nextOrEnd('}'));
  }
  if (!listed) return sink.refuse(line, where, 'the entry has no snapshots list');
  if (metaLine !== null && meta === undefined) return sink.refuse(metaLine, `${where}.meta`, 'not valid JSON');
  sink.meta(meta, metaLine, `${where}.meta`);
}

async function snapshots(scan: JsonScanner, sink: LegacySink, where: string, owner: string | null): Promise<void> {
  await scan.expect('[', 'the snapshots list');
  if (await scan.consume(']')) return;
  let j = 0;
  do {
    const taken = await scan.take();
    const at = `${where}.snapshots[${j++}]`;
    const value = parseJsonOrUndefined(taken.text);
    if (taken.text === null) sink.refuse(taken.line, at, 'the record is too long to be a Portolan record');
    else if (value === undefined) sink.refuse(taken.line, at, 'not valid JSON');
    else await sink.snapshot(value, taken.line, at, owner);
  } while (await scan.nextOrEnd(']'));
}
