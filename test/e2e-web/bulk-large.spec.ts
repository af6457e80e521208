// A 1,000-target bulk job in real Chromium through the web preview, against the stand-in that throttles like
// Graph; checks the renderer stays responsive while the job's updates arrive, and that every result row is
// reachable (the last page shows rows 801–1000, a row opens a detail).
//
// Responsiveness is asserted on CPU time, not wall time. A Chromium trace taken from Start to the end of the job
// (the page's own startup is over by then, and the test does nothing else meanwhile, so each task is the job's
// updates) gives every main-thread task's wall duration and the CPU time its thread ran. On a shared, loaded
// machine the wall time of the same work varies several-fold (the thread waits for a core), the CPU time much
// less. Each task must stay under CPU_BUDGET_MS, well under the 100 ms long-task target, so a machine slower than
// this one still has room: the job's heaviest task costs 12–20 ms of CPU here, while building or re-laying-out a
// 200-row table on a poll (the table before it was virtualised) cost 50–90 ms, and fails.
// The long tasks' wall durations (PerformanceObserver 'longtask') are reported, not asserted: load decides them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { shot } from '../support/e2e-page';
import { rendererTasks, TASK_CATEGORIES } from '../support/renderer-tasks';
import { startPreview, type RunningPreview } from '../support/preview';
import { startThrottlingGraphServer, type ThrottlingServer } from '../support/throttling-graph-server';

const TARGETS = 1000;
/** CPU time one renderer task may take while the job runs (see above). */
const CPU_BUDGET_MS = 40;

/** The page's globals this spec touches (the test tsconfig has no DOM library). */
interface PageGlobals {
  __longTasks: { start: number; duration: number }[];
  PerformanceObserver: new (cb: (list: { getEntries(): { startTime: number; duration: number }[] }) => void) => { observe(o: { type: string; buffered: boolean }): void };
}

/** 500 hosts with ports 22 and 443 each, listed per host (one listing answers both ports). */
function workload(): { lines: string[]; ports: Record<string, Record<string, unknown>[]> } {
  const lines: string[] = [];
  const ports: Record<string, Record<string, unknown>[]> = {};
  for (let i = 0; i < TARGETS; i++) {
    const h = i >> 1;
    const host = `10.20.${(h >> 8) & 255}.${h & 255}`;
    const port = i % 2 === 0 ? 22 : 443;
    const id = `${host}$${port}`;
    (ports[host] ??= []).push({ id, port, protocol: 'tcp', status: 'open', host: { id: host }, banners: [{ banner: `banner ${i}`, scanProtocol: 'ssh' }], services: [] });
    lines.push(`${host}:${port}`);
  }
  return { lines, ports };
}

test.describe('bulk lookup at 1,000 targets', () => {
  let graph: ThrottlingServer;
  let preview: RunningPreview;
  let dir: string;

  test.beforeAll(async () => {
    const { ports } = workload();
    graph = await startThrottlingGraphServer({ dataset: { hostPorts: {}, ports }, rate: 100, burst: 100, share503: 0.005 });
    dir = mkdtempSync(join(tmpdir(), 'portolan-e2e-bulk-large-'));
    preview = await startPreview({ args: ['--port', '0', '--user-data', dir, '--graph-base-url', graph.url], env: { PORTOLAN_GRAPH_TOKEN: 'e2e-bulk-large' } });
  });

  test.afterAll(async () => {
    await preview?.stop();
    await graph?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the job runs to the end with its long tasks measured, and every row is reachable', async ({ page, browser }, testInfo) => {
    test.setTimeout(240_000);
    await page.addInitScript(() => {
      const w = globalThis as unknown as PageGlobals;
      w.__longTasks = [];
      new w.PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(preview.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Bulk' }).click();
    await page.getByLabel('Job name').fill('LARGE-1000');
    await page.getByLabel('Targets').fill(workload().lines.join('\n'));
    await expect(page.getByTestId('bulk-preview-counts')).toHaveText(`${TARGETS} to look up · 0 rejected · 0 duplicates removed`);

    // Traced from Start to the end of the job: the page's own startup is over, so every task is the job's.
    await browser.startTracing(page, { categories: TASK_CATEGORIES });
    const startedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Start' }).click();
    const bar = page.getByRole('progressbar', { name: 'Bulk job progress' });
    await expect(bar).toHaveAttribute('aria-valuenow', String(TARGETS), { timeout: 180_000 });
    const endedAt = await page.evaluate(() => performance.now());
    const traced = rendererTasks(await browser.stopTracing());
    const heavy = [...traced].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 8);
    const longestWall = Math.max(0, ...traced.map((t) => t.wallMs));
    testInfo.annotations.push({ type: 'heaviest task (ms CPU)', description: String(heavy[0]?.cpuMs ?? 0) });
    await expect(page.getByText('LARGE-1000 · Finished')).toBeVisible();

    const tasks = await page.evaluate(() => (globalThis as unknown as PageGlobals).__longTasks);
    const during = tasks.filter((t) => t.start >= startedAt && t.start <= endedAt);
    const longest = Math.round(Math.max(0, ...during.map((t) => t.duration)));
    const report = { targets: TARGETS, seconds: Math.round((endedAt - startedAt) / 100) / 10, longTasks: during.length, longestMs: longest, over100ms: during.filter((t) => t.duration > 100).length,
      // [ms after Start, duration] of each, to tell the first table render from updates while the job runs.
      tasks: during.map((t) => [Math.round(t.start - startedAt), Math.round(t.duration)]),
      traced: { tasks: traced.length, longestWallMs: longestWall, heaviestByCpu: heavy } };
    testInfo.annotations.push({ type: 'longest long task (ms)', description: String(longest) });
    mkdirSync(join('test-results'), { recursive: true });
    writeFileSync(join('test-results', 'bulk-longtasks.json'), `${JSON.stringify(report)}\n`);
    process.stdout.write(`BULK_LONGTASKS=${JSON.stringify(report)}\n`);
    expect(traced.length, 'the trace holds the renderer main thread').toBeGreaterThan(0);
    expect(traced.filter((t) => t.cpuMs > CPU_BUDGET_MS), `renderer tasks over ${CPU_BUDGET_MS} ms of CPU while the job runs`).toEqual([]);

    // Every row is reachable: pages of 200, the last one holds rows 801-1000.
    const results = page.getByRole('region', { name: 'Results' });
    await expect(results.getByTestId('bulk-rows-range')).toHaveText(`Rows 1–200 of ${TARGETS}`);
    for (let i = 0; i < 4; i++) await results.getByRole('button', { name: 'Next rows' }).click();
    await expect(results.getByTestId('bulk-rows-range')).toHaveText(`Rows 801–1000 of ${TARGETS}`);
    await expect(results.getByRole('button', { name: 'Next rows' })).toBeDisabled();
    // The page holds 200 rows; only those in view are in the DOM, and the last is one scroll away.
    await expect(results.getByRole('table')).toHaveAttribute('aria-rowcount', '201');
    expect(await results.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(60);
    await results.getByTestId('bulk-rows-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(results.locator('tbody tr[aria-rowindex]').last()).toHaveAttribute('aria-rowindex', '201');
    await expect(results.locator('tbody tr[aria-rowindex]').last()).toContainText('10.20.1.243:443');
    await shot(page, 'bulk-large-last-page');
    // Sorted across every row, not the page: port descending puts a 443 first.
    await results.getByRole('button', { name: 'Port' }).click();
    await results.getByRole('button', { name: 'Port' }).click();
    await expect(results.getByTestId('bulk-rows-range')).toHaveText(`Rows 1–200 of ${TARGETS}`);
    await expect(results.locator('tbody tr[aria-rowindex]').first()).toHaveAttribute('aria-rowindex', '2');
    await expect(results.locator('tbody tr[aria-rowindex]').first().locator('td').nth(2)).toHaveText('443');
    await results.locator('tbody tr[aria-rowindex]').last().getByRole('button').click();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' })).toHaveAttribute('aria-current', 'page');
  });
});
