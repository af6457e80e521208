// Source files stay small enough to read in one sitting: a file over the limit is split into modules that each
// hold one job, instead of growing further. Every file under src-main, src-shared and src-renderer is written by hand.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const MAX_LINES = 400;
const SOURCE_ROOTS = ['src-main', 'src-shared', 'src-renderer'];

/** Lines as `wc -l` counts them: newline characters. */
function lineCount(path: string): number {
  let n = 0;
  for (const ch of readFileSync(path, 'utf8')) if (ch === '\n') n++;
  return n;
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Every file under `roots` (relative to `base`) longer than `max` lines, with its length. */
function oversized(base: string, roots: string[], max: number): string[] {
  const out: string[] = [];
  for (const root of roots) {
    if (!existsSync(join(base, root))) continue;
    for (const file of filesUnder(join(base, root))) {
      const lines = lineCount(file);
      if (lines > max) out.push(`${relative(base, file)}: ${lines} lines`);
    }
  }
  return out.sort();
}

describe('source file size', () => {
  const temps: string[] = [];
  afterEach(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it(`no file under ${SOURCE_ROOTS.join(' or ')} exceeds ${MAX_LINES} lines`, () => {
    expect(oversized(process.cwd(), SOURCE_ROOTS, MAX_LINES)).toEqual([]);
  });

  it('the check names a file one line over the limit and passes one at the limit', () => {
    const base = mkdtempSync(join(tmpdir(), 'portolan-file-size-'));
    temps.push(base);
    mkdirSync(join(base, 'src-main', 'core'), { recursive: true });
    mkdirSync(join(base, 'src-renderer', 'features'), { recursive: true });
    writeFileSync(join(base, 'src-main', 'core', 'at-limit.ts'), 'x\n'.repeat(MAX_LINES));
    writeFileSync(join(base, 'src-renderer', 'features', 'over.svelte'), 'x\n'.repeat(MAX_LINES + 1));
    expect(oversized(base, SOURCE_ROOTS, MAX_LINES)).toEqual([`${join('src-renderer', 'features', 'over.svelte')}: ${MAX_LINES + 1} lines`]);
  });
});
