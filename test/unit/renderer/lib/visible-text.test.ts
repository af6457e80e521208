import { describe, expect, it } from 'vitest';
import { foldPoint, hasHiddenCharacters, safeCut, toSegments, toVisibleString } from '../../../../src-renderer/lib/visible-text';

describe('toVisibleString', () => {
  it('keeps ordinary text as it is, markup included (it is rendered as text, never parsed)', () => {
    expect(toVisibleString('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(toVisibleString('héllo wörld ✓ 日本')).toBe('héllo wörld ✓ 日本');
  });

  it('shows CR, LF (with a real line break) and TAB', () => {
    expect(toVisibleString('220 ready\r\n')).toBe('220 ready␍␊\n');
    expect(toVisibleString('a\tb')).toBe('a⇥b');
  });

  it('shows NUL, DEL, other C0 and C1 controls as escapes', () => {
    expect(toVisibleString('a\0b')).toBe('a\\0b');
    expect(toVisibleString('\x07\x7f\x85\x9b')).toBe('\\x07\\x7F\\x85\\x9B');
  });

  it('keeps ANSI CSI sequences together as one escape', () => {
    const segs = toSegments('\x1b[31mRED\x1b[0m');
    expect(segs).toEqual([
      { kind: 'escape', text: '\\x1b[31m', title: 'terminal escape sequence', lineBreak: false },
      { kind: 'text', text: 'RED' },
      { kind: 'escape', text: '\\x1b[0m', title: 'terminal escape sequence', lineBreak: false },
    ]);
    expect(toVisibleString('\x1b]0;title\x07')).toBe('\\x1b]0;title\\x07');
    expect(toVisibleString('end\x1b')).toBe('end\\x1b');
  });

  it('neutralises every bidi control and shows it', () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
    for (const c of bidi) {
      const out = toVisibleString(`x${String.fromCharCode(c)}y`);
      expect(out).toBe(`x\\u${c.toString(16).toUpperCase().padStart(4, '0')}y`);
      expect(out).not.toContain(String.fromCharCode(c));
    }
    expect(toVisibleString('gnp.exe\u202Etxt')).toBe('gnp.exe\\u202Etxt');
  });

  it('shows zero-width and other invisible characters, and unpaired surrogates', () => {
    expect(toVisibleString('a\u200Bb\uFEFF')).toBe('a\\u200Bb\\uFEFF');
    expect(toVisibleString('x\uD800y')).toBe('x\\uD800y');
    expect(toVisibleString('😀')).toBe('😀');
  });

  it('never lets a raw control or bidi character through', () => {
    let all = '';
    for (let c = 0; c < 0x100; c++) all += String.fromCharCode(c);
    all += '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    const shown = toSegments(all)
      .map((s) => s.text)
      .join('');
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
  });

  it('marks CR, LF and TAB with short labels for fonts without Control Pictures', () => {
    const segs = toSegments('\r\n\t');
    expect(segs.map((s) => (s.kind === 'escape' ? s.label : null))).toEqual(['CR', 'LF', 'TAB']);
  });

  it('can keep formatting whitespace plain (pretty-printed JSON) while still escaping the rest', () => {
    expect(toVisibleString('{\n\t"a": "\u202E"\r\n}', 0, undefined)).toContain('␊');
    const plain = toSegments('{\n\t"a": "\u202E"\r\n}', 0, undefined, { whitespace: 'plain' })
      .map((s) => s.text)
      .join('');
    expect(plain).toBe('{\n\t"a": "\\u202E"\r\n}');
  });

  it('escapes only the requested range', () => {
    expect(toVisibleString('ab\r\ncd', 2, 4)).toBe('␍␊\n');
  });
});

describe('foldPoint', () => {
  it('does not fold short text', () => {
    expect(foldPoint('220 FTP ready\r\n')).toMatchObject({ folded: false, end: 15 });
  });

  it('folds after about 600 characters', () => {
    const f = foldPoint('x'.repeat(20_000));
    expect(f.folded).toBe(true);
    expect(f.end).toBe(600);
    expect(f.total).toBe(20_000);
  });

  it('folds after 8 lines', () => {
    const text = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const f = foldPoint(text);
    expect(f.folded).toBe(true);
    expect(text.slice(0, f.end).split('\n').length - 1).toBe(8);
  });

  it('renders only the fold of a multi-megabyte banner (speed is measured in bench:render, not here)', () => {
    const big = 'A'.repeat(8 * 1024 * 1024);
    const f = foldPoint(big);
    expect(f).toMatchObject({ folded: true, total: big.length });
    expect(f.end).toBeLessThanOrEqual(600);
    const segs = toSegments(big, 0, f.end);
    expect(segs).toHaveLength(1);
    expect(segs.reduce((n, s) => n + s.text.length, 0)).toBe(f.end);
  });
});

describe('safeCut', () => {
  it('does not split a surrogate pair, a CRLF or an ESC sequence', () => {
    expect(safeCut('ab😀cd', 3)).toBe(4);
    expect(safeCut('ab\r\ncd', 3)).toBe(4);
    expect(safeCut('ab\x1b[31mcd', 4)).toBe(7);
    expect(safeCut('abc', 10)).toBe(3);
  });
});

describe('hasHiddenCharacters', () => {
  it('finds controls and bidi characters', () => {
    expect(hasHiddenCharacters('plain text')).toBe(false);
    expect(hasHiddenCharacters('a\r\n')).toBe(true);
    expect(hasHiddenCharacters('a\u202Eb')).toBe(true);
  });
});
