// Line ends of a banner as one visible mark each.
import type { Segment } from '../../lib/visible-text';

/**
 * A CR directly followed by an LF becomes one escape (same characters, same line break): protocol banners end
 * every line with both, and one marked span per line instead of two keeps a screenful of banner rows cheap to
 * lay out and paint.
 */
export function pairLineEnds(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const next = segments[i + 1];
    if (s.kind === 'escape' && s.label === 'CR' && next?.kind === 'escape' && next.label === 'LF') {
      out.push({ kind: 'escape', text: s.text + next.text, title: 'carriage return and line feed (CRLF)', lineBreak: true, label: 'CRLF' });
      i++;
    } else out.push(s);
  }
  return out;
}
