// Where the raw response is split into pages, so a multi-megabyte body is shown a page at a time and never
// as one giant text node. Pure, no DOM.
import { safeCut } from '../../lib/visible-text';

/** A page ends after this many lines (pretty-printed JSON)… */
export const PAGE_LINES = 1_000;
/** …or this many characters, whichever comes first (a body as received may be one single line). */
export const PAGE_CHARS = 100_000;

/**
 * Start offsets of each page of `text`, the first always 0. A page ends just after a line feed when it can,
 * otherwise at `chars` characters moved so it splits no surrogate pair, CRLF or ESC sequence.
 */
export function pageStarts(text: string, lines = PAGE_LINES, chars = PAGE_CHARS): number[] {
  const starts = [0];
  let pos = 0;
  while (text.length - pos > 0) {
    const limit = pos + chars;
    let end = pos;
    let counted = 0;
    while (counted < lines) {
      const nl = text.indexOf('\n', end);
      if (nl < 0 || nl >= limit) break;
      end = nl + 1;
      counted++;
    }
    if (counted < lines) {
      // Fewer than `lines` line feeds within the character limit: the page ends at the limit, on the last
      // line feed before it when there is one.
      if (limit >= text.length) break;
      end = end > pos ? end : Math.max(safeCut(text, limit), pos + 1);
    }
    if (end >= text.length) break;
    starts.push(end);
    pos = end;
  }
  return starts;
}

/** UTF-8 length of a string without encoding a copy of it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
