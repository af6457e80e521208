// Every text/background pairing of the colour tokens that the renderer uses reaches WCAG 2.x AA (4.5:1) in
// both themes. The tokens are read from the stylesheet itself, so a change to a token is checked here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(join(__dirname, '..', '..', '..', '..', 'src-renderer', 'styles', 'app.css'), 'utf8');

/** Custom properties declared in the first `:root { … }` of the stylesheet, as written. */
function rootTokens(): Map<string, string> {
  const open = CSS.indexOf('{', CSS.indexOf(':root'));
  const close = CSS.indexOf('}', open);
  const out = new Map<string, string>();
  for (const m of CSS.slice(open + 1, close).matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) out.set(m[1]!, m[2]!.trim());
  return out;
}

/** One half of every light-dark(light, dark) colour; other values are the same in both themes. */
function palette(half: 0 | 1): Map<string, string> {
  return new Map(
    [...rootTokens()].map(([name, value]) => {
      const pair = /^light-dark\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)$/.exec(value);
      return [name, pair ? pair[half + 1]! : value];
    }),
  );
}

// The dark palette is the one the OS dark mode and Settings' forced Dark both get: one definition, one check.
const light = palette(0);
const dark = palette(1);

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// [text token, background token]: the pairs the components use (badges, markers, compare rows, buttons, tabs).
const PAIRS: [string, string][] = [
  ...['--text', '--text-2', '--text-3'].flatMap((t) => ['--bg', '--surface', '--surface-2', '--surface-3'].map((b): [string, string] => [t, b])),
  ['--text', '--accent-soft'], ['--text-2', '--accent-soft'], ['--text', '--ok-soft'], ['--text', '--warn-soft'], ['--text', '--danger-soft'],
  ['--text-2', '--warn-soft'], ['--text-2', '--ok-soft'], ['--text-2', '--danger-soft'], ['--text-3', '--ok-soft'], ['--text-3', '--danger-soft'], ['--text-3', '--warn-soft'],
  ['--accent', '--surface'], ['--accent', '--bg'], ['--accent', '--surface-2'], ['--accent', '--surface-3'], ['--accent', '--accent-soft'], ['--accent-strong', '--accent-soft'],
  ['--accent-text', '--accent'], ['--accent-text', '--accent-strong'],
  ['--ok', '--ok-soft'], ['--ok', '--surface'], ['--ok', '--surface-2'],
  ['--warn', '--warn-soft'], ['--warn', '--surface'], ['--warn', '--bg'],
  // The certificate-validity band's outline on the timeline's plot (its other marks are covered above).
  ['--warn', '--surface-2'],
  ['--danger', '--danger-soft'], ['--danger-soft', '--danger'], ['--danger', '--surface'], ['--danger', '--surface-2'], ['--danger', '--bg'],
  ['--esc', '--esc-soft'], ['--esc', '--surface'], ['--esc', '--surface-2'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_name, tokens) => {
  it.each(PAIRS)('%s on %s reaches 4.5:1', (fg, bg) => {
    const f = tokens.get(fg);
    const b = tokens.get(bg);
    expect(f, fg).toBeDefined();
    expect(b, bg).toBeDefined();
    expect(contrast(f!, b!)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('contrast()', () => {
  it('matches the WCAG reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
