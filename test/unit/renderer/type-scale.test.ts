// One type scale: font sizes in the renderer come from the --text-* tokens in styles/app.css, so a new
// component cannot add a fifteenth size by accident.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = 'src-renderer';
const TOKENS_FILE = join(ROOT, 'styles/app.css');

function styleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return styleFiles(path);
    return /\.(svelte|css)$/.test(e.name) ? [path] : [];
  });
}

function definedTokens(): Set<string> {
  return new Set([...readFileSync(TOKENS_FILE, 'utf8').matchAll(/(--text-[a-z0-9]+)\s*:/g)].map((m) => m[1]!));
}

describe('type scale', () => {
  test('the scale is small and ordered', () => {
    const css = readFileSync(TOKENS_FILE, 'utf8');
    const sizes = [...css.matchAll(/--text-[a-z0-9]+\s*:\s*([\d.]+)px/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThanOrEqual(5);
    expect(sizes.length).toBeLessThanOrEqual(8);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });

  test('every font-size uses a token that exists (0 and inherit aside)', () => {
    const tokens = definedTokens();
    const offenders: string[] = [];
    for (const file of styleFiles(ROOT)) {
      for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
        const m = /font-size\s*:\s*([^;"}]+)/.exec(line);
        if (!m) continue;
        const value = m[1]!.trim();
        const token = /^var\((--text-[a-z0-9]+)\)$/.exec(value)?.[1];
        if (value === '0' || value === 'inherit' || (token && tokens.has(token))) continue;
        offenders.push(`${file}:${i + 1}: ${value}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
