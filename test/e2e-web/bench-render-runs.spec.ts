// bench:render still runs (its in-page code is plain strings and functions Playwright ships to the page, so only a
// run finds what breaks there): at five banners it ends in the JSON line the notes read, every figure present.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test('bench:render at five banners over two rounds reports first rows, the <pre> baseline, DOM nodes, heap, sort and scroll figures', () => {
  test.setTimeout(180_000);
  const root = join(__dirname, '..', '..');
  const run = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'bench/render.ts'), '--banners', '5', '--rounds', '2', '--json'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
  expect(run.status, run.stderr).toBe(0);
  const f = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
  expect(f).toMatchObject({ banners: 5 });
  expect(f).not.toHaveProperty('error');
  for (const key of ['first_rows_ms', 'pre_baseline_ms', 'pre_local_ms', 'dom_nodes', 'heap_mb', 'sort_max_ms', 'scroll_longest_task_ms', 'scroll_max_task_cpu_ms']) {
    expect(typeof f[key], key).toBe('number');
  }
  expect(f.first_rows_ms as number).toBeGreaterThan(0);
  expect(f.pre_baseline_ms as number).toBeGreaterThan(0);
  expect(f.dom_nodes as number).toBeGreaterThan(0);
  // Two rounds, each a sample; the figures are their medians (the mean of two).
  const rows = f.first_rows_samples_ms as number[];
  const pre = f.pre_baseline_samples_ms as number[];
  expect([rows.length, pre.length]).toEqual([2, 2]);
  expect(f.first_rows_ms).toBe(Math.round((rows[0]! + rows[1]!) / 2));
  expect(f.pre_baseline_ms).toBe(Math.round((pre[0]! + pre[1]!) / 2));
});
