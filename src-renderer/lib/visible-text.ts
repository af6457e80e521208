// Attacker-controlled text (banners, service names, certificate fields) made visible and inert.
// Pure functions, no DOM: the renderer turns the segments into text nodes, never into markup.

/** A run of ordinary characters, or one visible escape for something that would otherwise be invisible or harmful. */
export type Segment =
  | { kind: 'text'; text: string }
  /** `text` is what is shown (e.g. ␍, \x1b[31m, \u202E); `title` explains it for a tooltip and screen readers. */
  | { kind: 'escape'; text: string; title: string; lineBreak: boolean; label?: string };

export interface SegmentOptions {
  /**
   * 'visible' (default) shows CR, LF and TAB as ␍ ␊ ⇥; 'plain' keeps them as ordinary whitespace, for text whose
   * line structure is formatting (pretty-printed JSON), where control characters cannot occur inside values.
   */
  whitespace?: 'visible' | 'plain';
}

export interface Fold {
  /** Index (in UTF-16 code units) where the shown part ends. */
  end: number;
  /** True when `end` is before the end of the text. */
  folded: boolean;
  total: number;
  lines: number;
}

/** Bidi controls that can reorder what the analyst reads (Trojan Source and friends). */
const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
/** Invisible or layout-changing characters that are shown as escapes too. */
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2028, 0x2029, 0x2060, 0xfeff]);

const hex2 = (c: number): string => c.toString(16).toUpperCase().padStart(2, '0');
const hex4 = (c: number): string => c.toString(16).toUpperCase().padStart(4, '0');

/** Longest ESC sequence we keep together as one escape; anything longer is shown piece by piece. */
const MAX_ESC_SEQUENCE = 32;

/**
 * Length of an ANSI escape sequence starting at `i` (text[i] is ESC): CSI (ESC [ params final), or ESC plus one
 * character. Returns 1 when nothing sensible follows.
 */
function escSequenceLength(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (Number.isNaN(next)) return 1;
  if (next === 0x5b /* [ */) {
    for (let j = i + 2; j < text.length && j < i + MAX_ESC_SEQUENCE; j++) {
      const c = text.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) return j - i + 1; // final byte
      if (c < 0x20 || c > 0x3f) return 2; // not a parameter or intermediate byte: show ESC [ and stop
    }
    return 2;
  }
  if (next >= 0x20 && next <= 0x7e) return 2;
  return 1;
}

function visibleEscapeText(seq: string): string {
  let out = '';
  for (let k = 0; k < seq.length; k++) {
    const c = seq.charCodeAt(k);
    out += c === 0x1b ? '\\x1b' : c < 0x20 || c === 0x7f ? `\\x${hex2(c)}` : seq[k];
  }
  return out;
}

/**
 * Splits text[start, end) into plain runs and visible escapes. Only that range is looked at, so a multi-megabyte
 * banner costs only what is shown.
 */
export function toSegments(text: string, start = 0, end = text.length, options: SegmentOptions = {}): Segment[] {
  const plainWhitespace = options.whitespace === 'plain';
  const out: Segment[] = [];
  let runStart = start;
  const flush = (to: number): void => {
    if (to > runStart) out.push({ kind: 'text', text: text.slice(runStart, to) });
  };
  const push = (i: number, length: number, shown: string, title: string, lineBreak = false, label?: string): number => {
    flush(i);
    out.push(label ? { kind: 'escape', text: shown, title, lineBreak, label } : { kind: 'escape', text: shown, title, lineBreak });
    runStart = i + length;
    return i + length;
  };

  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      i++;
      continue;
    }
    if (plainWhitespace && (c === 0x0a || c === 0x09 || (c === 0x0d && text.charCodeAt(i + 1) === 0x0a))) {
      i++;
      continue;
    }
    if (c === 0x0d) i = push(i, 1, '␍', 'carriage return (CR)', false, 'CR');
    else if (c === 0x0a) i = push(i, 1, '␊', 'line feed (LF)', true, 'LF');
    else if (c === 0x09) i = push(i, 1, '⇥', 'tab', false, 'TAB');
    else if (c === 0x00) i = push(i, 1, '\\0', 'NUL byte');
    else if (c === 0x1b) {
      const len = Math.min(escSequenceLength(text, i), end - i);
      i = push(i, len, visibleEscapeText(text.slice(i, i + len)), 'terminal escape sequence');
    } else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) {
      i = push(i, 1, `\\x${hex2(c)}`, 'control character');
    } else if (BIDI.has(c)) {
      i = push(i, 1, `\\u${hex4(c)}`, 'bidirectional text control (neutralised)');
    } else if (INVISIBLE.has(c)) {
      i = push(i, 1, `\\u${hex4(c)}`, 'invisible character');
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const lo = text.charCodeAt(i + 1);
      if (i + 1 < end && lo >= 0xdc00 && lo <= 0xdfff) i += 2;
      else i = push(i, 1, `\\u${hex4(c)}`, 'unpaired surrogate');
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      i = push(i, 1, `\\u${hex4(c)}`, 'unpaired surrogate');
    } else {
      i++;
    }
  }
  flush(end);
  return out;
}

/** The whole of text[start, end) as one visible string (for titles, short fields, tests). */
export function toVisibleString(text: string, start = 0, end = text.length): string {
  return toSegments(text, start, end)
    .map((s) => (s.kind === 'escape' && s.lineBreak ? `${s.text}\n` : s.text))
    .join('');
}

/** Moves a cut point so it does not split a surrogate pair, a CRLF, or an ESC sequence. */
export function safeCut(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  let cut = at;
  const before = text.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff) cut += 1;
  else if (before === 0x0d && text.charCodeAt(cut) === 0x0a) cut += 1;
  // If an ESC sequence starts shortly before the cut, keep it whole.
  const from = Math.max(0, cut - MAX_ESC_SEQUENCE);
  const esc = text.lastIndexOf('\x1b', cut - 1);
  if (esc >= from) {
    const end = esc + escSequenceLength(text, esc);
    if (end > cut) cut = Math.min(end, text.length);
  }
  return cut;
}

/**
 * Where to fold a long text: after `maxChars` characters or `maxLines` line feeds, whichever comes first.
 * Scans at most maxChars characters, whatever the length of the text.
 */
export function foldPoint(text: string, maxChars = 600, maxLines = 8): Fold {
  const limit = Math.min(text.length, maxChars);
  let lines = 0;
  let end = limit;
  for (let i = 0; i < limit; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      lines++;
      if (lines === maxLines) {
        end = i + 1;
        break;
      }
    }
  }
  end = safeCut(text, end);
  // Nothing worth hiding: a lone trailing line feed or a few characters more than the limit.
  if (text.length - end <= 2 && !/\n[^\n]/.test(text.slice(end))) end = text.length;
  return { end, folded: end < text.length, total: text.length, lines: countLines(text, end) };
}

function countLines(text: string, end: number): number {
  let n = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 0x0a && i < end - 1) n++;
  return n;
}

/** True when the text holds anything that toSegments would escape (used for a "contains control characters" hint). */
export function hasHiddenCharacters(text: string, end = Math.min(text.length, 100_000)): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f) || BIDI.has(c) || INVISIBLE.has(c)) return true;
  }
  return false;
}
