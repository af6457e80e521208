import { describe, expect, it } from 'vitest';
import { pageStarts, utf8Length } from '../../../../src-renderer/features/detail/raw-json-pages';

/** The pages as strings, so the assertions read as text. */
function pages(text: string, lines: number, chars: number): string[] {
  const starts = pageStarts(text, lines, chars);
  return starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
}

describe('raw JSON pages', () => {
  it('a short body is one page', () => {
    expect(pageStarts('{"a": 1}', 10, 100)).toEqual([0]);
    expect(pageStarts('', 10, 100)).toEqual([0]);
  });

  it('pages end after the given number of lines', () => {
    const text = Array.from({ length: 7 }, (_, i) => `line ${i}\n`).join('');
    expect(pages(text, 3, 1_000)).toEqual(['line 0\nline 1\nline 2\n', 'line 3\nline 4\nline 5\n', 'line 6\n']);
  });

  it('a page of long lines ends at the last line feed before the character limit', () => {
    const text = `${'a'.repeat(40)}\n${'b'.repeat(40)}\n${'c'.repeat(40)}\n`;
    expect(pages(text, 100, 90)).toEqual([`${'a'.repeat(40)}\n${'b'.repeat(40)}\n`, `${'c'.repeat(40)}\n`]);
  });

  it('one giant line (a body as received) is cut at the character limit, every character kept once', () => {
    const text = 'x'.repeat(2_500);
    const p = pages(text, 1_000, 1_000);
    expect(p.map((s) => s.length)).toEqual([1_000, 1_000, 500]);
    expect(p.join('')).toBe(text);
  });

  it('never splits a surrogate pair or an ESC sequence', () => {
    const emoji = `${'x'.repeat(9)}😀${'y'.repeat(20)}`; // the pair sits on offsets 9 and 10
    for (const s of pages(emoji, 10, 10)) expect(s).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    const esc = `${'x'.repeat(8)}\u001b[31m${'y'.repeat(20)}`;
    expect(pages(esc, 10, 10)[0]).toBe(`${'x'.repeat(8)}\u001b[31m`);
  });

  it('a multi-megabyte pretty-printed body becomes many bounded pages that cover it exactly', () => {
    const body = JSON.stringify({ banners: Array.from({ length: 20_000 }, (_, i) => ({ banner: `SSH-2.0-${i}`, n: i })) }, null, 2);
    const starts = pageStarts(body);
    expect(starts.length).toBeGreaterThan(50);
    const p = starts.map((s, i) => body.slice(s, starts[i + 1] ?? body.length));
    expect(p.join('')).toBe(body);
    for (const s of p) {
      expect(s.length).toBeLessThanOrEqual(100_000);
      expect(s.split('\n').length - 1).toBeLessThanOrEqual(1_000);
    }
  });

  it('counts UTF-8 bytes as TextEncoder does', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a\u202Eb', '\uD800x', `{"b":"${'ü'.repeat(100)}"}`]) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});
