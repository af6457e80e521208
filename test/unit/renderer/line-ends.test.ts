import { describe, expect, it } from 'vitest';
import { pairLineEnds } from '../../../src-renderer/features/detail/line-ends';
import { toSegments, toVisibleString } from '../../../src-renderer/lib/visible-text';

const joined = (segments: ReturnType<typeof toSegments>): string => segments.map((s) => s.text + (s.kind === 'escape' && s.lineBreak ? '\n' : '')).join('');

describe('pairLineEnds', () => {
  it('makes a CR followed by an LF one escape with the line break, keeping every character shown', () => {
    const text = 'HTTP/1.1 200 OK\r\nServer: x\r\n\r\n';
    const segments = pairLineEnds(toSegments(text));
    const escapes = segments.filter((s) => s.kind === 'escape');
    expect(escapes).toHaveLength(3);
    expect(escapes.every((s) => s.kind === 'escape' && s.label === 'CRLF' && s.lineBreak && s.text === '␍␊')).toBe(true);
    expect(joined(segments)).toBe(toVisibleString(text));
  });

  it('leaves a lone CR, a lone LF and other escapes as they were', () => {
    const text = 'a\rb\nc\u202Ed\r';
    const segments = toSegments(text);
    expect(pairLineEnds(segments)).toEqual(segments);
  });
});
