// Splits a byte stream into numbered lines without holding more than one line (and one chunk) in memory. A line
// longer than the limit is not kept: it is reported by number so the record it held can be refused.
import { StringDecoder } from 'node:string_decoder';
import { HISTORY_RECORD_MAX_CHARS } from '../../../src-shared/limits';

export type Line = { n: number; text: string; tooLong: false } | { n: number; text: ''; tooLong: true };

export const MAX_LINE_CHARS = HISTORY_RECORD_MAX_CHARS;

export async function* linesOf(input: AsyncIterable<Buffer | string>, onBytes?: (bytes: number) => void, max = MAX_LINE_CHARS): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let pending: string[] = [];
  let pendingLength = 0;
  let dropping = false;
  let n = 0;
  const take = (tail: string): Line => {
    n++;
    if (dropping || pendingLength + tail.length > max) {
      dropping = false;
      pending = [];
      pendingLength = 0;
      return { n, text: '', tooLong: true };
    }
    const text = pending.length ? pending.join('') + tail : tail;
    pending = [];
    pendingLength = 0;
    return { n, text: text.endsWith('\r') ? text.slice(0, -1) : text, tooLong: false };
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    onBytes?.(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield take(text.slice(start, nl));
      start = nl + 1;
    }
    const rest = text.slice(start);
    if (rest.length === 0) continue;
    if (dropping || pendingLength + rest.length > max) {
      dropping = true;
      pending = [];
      pendingLength = 0;
    } else {
      pending.push(rest);
      pendingLength += rest.length;
    }
  }
  const last = decoder.end();
  if (last) {
    pending.push(last);
    pendingLength += last.length;
  }
  if (pendingLength > 0 || dropping) yield take('');
}
