// Accessibility of every screen in real Chromium through the web preview (demo data): axe-core finds no critical
// or serious problem in the light and dark themes at 1280 and 1024 px, and at 200% zoom of a 1024x768 window
// (512x384 CSS px) no screen scrolls sideways. Screens: Lookup (empty and with a result), History (list, saved
// entry, its timeline as a picture and as a table, comparison), Settings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { lookUp, shot } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';

const TARGET = { host: '85.13.139.18', port: 21 };
let preview: RunningPreview;
let userData: string;

test.beforeAll(async ({ browser }) => {
  userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-a11y-'));
  preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'], env: { PORTOLAN_GRAPH_TOKEN: undefined } });
  // Two snapshots of one host port, so History has an entry to open and compare.
  const page = await browser.newPage();
  await page.goto(preview.url);
  for (let i = 0; i < 2; i++) {
    await lookUp(page, TARGET.host, TARGET.port);
    await expect(page.locator('#detail-title')).toBeFocused();
  }
  await page.close();
});
test.afterAll(async () => {
  await preview?.stop();
  rmSync(userData, { recursive: true, force: true });
});

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });

/** Visits each screen in turn and calls `check` on it, named. */
async function eachScreen(page: Page, check: (screen: string) => Promise<void>): Promise<void> {
  await page.goto(preview.url);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await check('lookup-empty');
  await lookUp(page, TARGET.host, TARGET.port);
  await expect(page.locator('#detail-title')).toBeFocused();
  await check('lookup-result');
  await tab(page, 'History').click();
  await expect(page.getByRole('option', { name: /85\.13\.139\.18/ }).first()).toBeVisible();
  await check('history-list');
  await page.getByRole('option', { name: /85\.13\.139\.18/ }).first().click();
  await expect(page.getByTestId('saved-marker')).toBeVisible();
  await check('history-entry');
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(page.getByTestId('timeline-svg')).toBeVisible();
  await check('history-timeline');
  await page.getByRole('button', { name: 'Show as table' }).click();
  await expect(page.getByTestId('timeline-table')).toBeVisible();
  await check('history-timeline-table');
  await page.getByRole('button', { name: 'Close timeline' }).click();
  await page.getByRole('checkbox').nth(0).check();
  await page.getByRole('checkbox').nth(1).check();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByTestId('comparison')).toBeVisible();
  await check('history-compare');
  await tab(page, 'Settings').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await check('settings');
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1024]) {
    test(`axe: no critical or serious findings, ${colorScheme} theme at ${width} px`, async ({ page }) => {
      // Eight screens, each analysed by axe: more than the default time on a busy machine.
      test.slow();
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 800 });
      const found: string[] = [];
      await eachScreen(page, async (screen) => {
        const r = await new AxeBuilder({ page }).analyze();
        for (const v of r.violations) {
          if (v.impact !== 'critical' && v.impact !== 'serious') continue;
          for (const n of v.nodes) found.push(`${screen}: ${v.id} (${v.impact}) ${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`);
        }
      });
      expect(found).toEqual([]);
    });
  }
}

test('200% zoom of a 1024x768 window: no screen scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 512, height: 384 });
  const wide: string[] = [];
  await eachScreen(page, async (screen) => {
    const m = await page.evaluate(() => {
      type El = { tagName: string; className: unknown; getBoundingClientRect(): { right: number }; children: ArrayLike<El> };
      const g = globalThis as unknown as { innerWidth: number; document: { documentElement: El & { scrollWidth: number } } };
      // The outermost elements that stick out, to say what to fix.
      const out: string[] = [];
      const walk = (el: El) => {
        if (el.getBoundingClientRect().right > g.innerWidth + 0.5) return void out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`);
        for (const c of Array.from(el.children)) walk(c);
      };
      for (const c of Array.from(g.document.documentElement.children)) walk(c);
      return { scroll: g.document.documentElement.scrollWidth, inner: g.innerWidth, out: out.slice(0, 5).join(', ') };
    });
    if (m.scroll > m.inner) wide.push(`${screen}: ${m.scroll} > ${m.inner} (${m.out})`);
    await shot(page, `zoom-200-${screen}`);
  });
  expect(wide).toEqual([]);
});
