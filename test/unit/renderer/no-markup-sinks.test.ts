// Attacker-controlled text must only ever reach the DOM as text. This keeps markup sinks out of the renderer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..', 'src-renderer');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(svelte|ts|html)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('renderer markup sinks', () => {
  const sources = files(ROOT);
  it('finds the renderer sources', () => {
    expect(sources.length).toBeGreaterThan(10);
  });
  it.each([
    ['{@html', /\{@html\b/],
    ['innerHTML', /\binnerHTML\b/],
    ['outerHTML', /\bouterHTML\b/],
    ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
    ['document.write', /\bdocument\.write(ln)?\b/],
    ['eval', /\beval\s*\(|new Function\s*\(/],
  ])('uses no %s', (_name, pattern) => {
    const offenders = sources.filter((f) => pattern.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
  it('imports nothing from src-main at runtime but the shared contract (browser-safe, lint-checked)', () => {
    const offenders = sources.filter((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .some((line) => /^\s*(?:import|export)\s+(?!type\b)[^;]*from\s+['"][./]*\/src-main\/(?!shared\/)/.test(line)),
    );
    expect(offenders).toEqual([]);
  });
});
