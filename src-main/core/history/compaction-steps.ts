// The index and search files of a background compaction, produced and written in steps: at 100,000 snapshots
// building either document in one go (and conf's whole-file JSON.stringify of it) holds the thread for hundreds
// of milliseconds, and a save arriving meanwhile would wait for all of it. Between steps other calls run.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FILE_MODE } from './kv-files';
import { encodeRec, type SnapRec } from './records';

/** Records handled per step. */
export const STEP = 2000;

/** Lets other queued work run before the next step. */
export type Turn = () => Promise<void>;
export const nextTurn: Turn = () => new Promise((resolve) => setImmediate(resolve));

/** Written to the file once this much text is waiting. */
const FLUSH_CHARS = 1 << 20;

/**
 * Writes conf's own file format (tab-indented JSON, as JSON.stringify(data, undefined, '\t') gives) for `head`
 * plus one last string member `key` whose content is JSON text arriving in `pieces`; each piece is escaped as it
 * comes, so the whole document is never one string. Written beside `target` and fsynced; returns the temp path.
 */
export async function writeTempInSteps(
  target: string,
  head: Record<string, unknown>,
  key: string,
  pieces: AsyncIterable<string> | Iterable<string>,
  turn: Turn,
): Promise<string> {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx', FILE_MODE);
  try {
    const open = JSON.stringify(head, undefined, '\t');
    let out = `${open.slice(0, -2)},\n\t${JSON.stringify(key)}: "`;
    for await (const piece of pieces) {
      out += JSON.stringify(piece).slice(1, -1);
      if (out.length >= FLUSH_CHARS) {
        await handle.write(out);
        // Flushed a piece at a time: one flush of the whole file at the end (tens of MB at 100,000 snapshots)
        // holds the disk that long, and a save's own fsync meanwhile waits behind it.
        await handle.datasync();
        out = '';
      }
      await turn();
    }
    await handle.write(`${out}"\n}`);
    await handle.datasync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  return tmp;
}

/** The index's record list as JSON text (the same text as JSON.stringify of every tuple), in steps. */
export function* indexPieces(recs: readonly SnapRec[]): Generator<string> {
  for (let i = 0; i < recs.length; i += STEP) {
    let piece = i === 0 ? '[' : ',';
    for (let j = i; j < Math.min(recs.length, i + STEP); j++) piece += (j > i ? ',' : '') + JSON.stringify(encodeRec(recs[j]!));
    yield piece;
  }
  yield recs.length === 0 ? '[]' : ']';
}

/**
 * The search text as JSON text ({strings, refs}: one interned string table), in steps. `termsOf` is read as the
 * steps go: a snapshot deleted meanwhile has no terms any more, which is harmless because its deletion is in the
 * journal lines kept after this compaction and an open recomputes any missing search text from the files.
 */
export async function* searchPieces(recs: readonly SnapRec[], termsOf: (id: string) => readonly string[] | undefined, turn: Turn): AsyncGenerator<string> {
  const pool = new Map<string, number>();
  const strings: string[] = [];
  const refs: string[] = [];
  for (let i = 0; i < recs.length; i += STEP) {
    for (let j = i; j < Math.min(recs.length, i + STEP); j++) {
      const id = recs[j]!.id;
      const ref: (string | number)[] = [id];
      for (const t of termsOf(id) ?? []) {
        let k = pool.get(t);
        if (k === undefined) {
          k = strings.length;
          strings.push(t);
          pool.set(t, k);
        }
        ref.push(k);
      }
      refs.push(JSON.stringify(ref));
    }
    await turn();
  }
  pool.clear();
  yield '{"strings":[';
  for (let i = 0; i < strings.length; i += STEP) yield (i > 0 ? ',' : '') + JSON.stringify(strings.slice(i, i + STEP)).slice(1, -1);
  yield '],"refs":[';
  for (let i = 0; i < refs.length; i += STEP) yield (i > 0 ? ',' : '') + refs.slice(i, i + STEP).join(',');
  yield ']}';
}
