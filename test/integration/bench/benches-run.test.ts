// The benchmarks the notes quote still run: bench:history and bench:bulk at a tiny size, each ending in the JSON
// line the notes read, with the figures the issues ask for present and sane. (bench:render needs the built
// preview and Chromium: test/e2e-web/bench-render-runs.spec.ts.)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');

/** Runs a bench script with tsx and returns its last line, parsed. */
function bench(script: string, args: string[]): Record<string, unknown> {
  const run = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'bench', script), ...args, '--json'], { cwd: root, encoding: 'utf8', timeout: 110_000 });
  expect(run.status, run.stderr).toBe(0);
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}

describe('benchmarks', () => {
  it('bench:history reports export, import, the round trip, the slowest save and the main-block figure', () => {
    const f = bench('history.ts', ['--entries', '30', '--no-baseline', '--main-block-saves', '40']);
    expect(f).toMatchObject({ entries: 30, roundtrip_equal: true, baseline: null });
    for (const key of ['export_ms', 'export_peak_rss_mb', 'import_ms', 'import_peak_rss_mb', 'save_max_ms', 'save_p50_ms', 'main_block_p99_ms', 'open_ms']) {
      expect(typeof f[key], key).toBe('number');
      expect(f[key] as number, key).toBeGreaterThanOrEqual(0);
    }
    expect(f.save_max_ms as number).toBeGreaterThanOrEqual(f.save_p50_ms as number);
  }, 120_000);

  it('bench:history with its naive baseline reports both, side by side', () => {
    const f = bench('history.ts', ['--entries', '12', '--no-transfer', '--no-main-block', '--baseline-saves', '3']);
    expect(f).toMatchObject({ entries: 12, baseline: { entries: 12 } });
    const baseline = f.baseline as Record<string, unknown>;
    for (const key of ['save_p50_ms', 'search_p50_ms', 'open_ms', 'bytes']) expect(baseline[key] as number, key).toBeGreaterThan(0);
    expect(baseline).not.toHaveProperty('failed');
  }, 120_000);

  it('bench:bulk reports the rate against the quota, and loses and repeats nothing', () => {
    const f = bench('bulk.ts', ['--targets', '20']);
    expect(f).toMatchObject({ targets: 20, lost: 0, duplicates: 0 });
    expect(typeof f.in_retry_after).toBe('number');
    expect(f.rate_ratio as number).toBeGreaterThan(0);
    expect(f.baseline).toMatchObject({ targets: 20 });
  }, 120_000);
});
