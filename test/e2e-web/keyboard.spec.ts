// Keyboard-first use in real Chromium through the web preview (demo data): the shortcuts, back/forward, the
// command palette and help overlay, and where focus lands after an action (never on the page body).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { lookUp } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';

const TARGET = { host: '85.13.139.18', port: 21 };
type FocusProbe = { document: { activeElement: { tagName: string; id: string } | null } };
const focused = (page: Page) => page.evaluate(() => {
  const el = (globalThis as unknown as FocusProbe).document.activeElement;
  return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '' };
});
const h1Count = (page: Page) => page.locator('h1').count();
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });

let preview: RunningPreview;
let userData: string;

test.beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-keys-'));
  preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'], env: { PORTOLAN_GRAPH_TOKEN: undefined } });
});
test.afterAll(async () => {
  await preview?.stop();
  rmSync(userData, { recursive: true, force: true });
});

test('Look up moves focus to the result heading; Ctrl+L goes back to Host; one h1 per screen', async ({ page }) => {
  await page.goto(preview.url);
  expect(await h1Count(page)).toBe(1);
  await lookUp(page, TARGET.host, TARGET.port);
  await expect(page.locator('#detail-title')).toBeFocused();
  expect(await h1Count(page)).toBe(1);
  await tab(page, 'History').click();
  expect(await h1Count(page)).toBe(1);
  await page.keyboard.press('Control+l');
  await expect(page.getByLabel('Host', { exact: true })).toBeFocused();
  await tab(page, 'Settings').click();
  expect(await h1Count(page)).toBe(1);
});

test('a section link moves focus to that section\'s heading, also for a section below the first screen', async ({ page }) => {
  await page.goto(preview.url);
  await lookUp(page, TARGET.host, TARGET.port);
  const toc = page.getByRole('navigation', { name: 'Sections' });
  for (const name of ['Certificate', 'Raw JSON', 'Host details']) {
    await toc.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeFocused();
  }
  expect((await focused(page)).tag).toBe('h2');
});

test('? lists the shortcuts; / focuses the history search; Alt+Left and Alt+Right go back and forward', async ({ page }) => {
  await page.goto(preview.url);
  await page.locator('body').press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Ctrl+K');
  await expect(help).toContainText('Alt+Right');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.locator('body').press('/');
  await expect(page.getByRole('searchbox', { name: 'Search history' })).toBeFocused();
  await expect(tab(page, 'History')).toHaveAttribute('aria-current', 'page');
  // Typing "/" in the search is text, not a shortcut.
  await page.keyboard.type('a/b');
  await expect(page.getByRole('searchbox', { name: 'Search history' })).toHaveValue('a/b');
  await page.getByRole('searchbox', { name: 'Search history' }).fill('');

  await page.keyboard.press('Alt+ArrowLeft');
  await expect(tab(page, 'Lookup')).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(tab(page, 'History')).toHaveAttribute('aria-current', 'page');
  expect((await focused(page)).tag).not.toBe('body');
});

test('the command palette opens a saved lookup and compares it with the previous snapshot', async ({ page }) => {
  await page.goto(preview.url);
  await lookUp(page, TARGET.host, TARGET.port);
  await expect(page.locator('#detail-title')).toBeFocused();
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.locator('#detail-title')).toBeFocused();

  await page.keyboard.press('Control+k');
  const box = page.getByRole('combobox', { name: 'Command or host' });
  await expect(box).toBeFocused();
  await box.fill('85.13.139.18:21');
  await expect(page.getByRole('option', { name: /85\.13\.139\.18:21/ }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /Saved host port 85\.13\.139\.18:21/ })).toBeVisible();

  await page.keyboard.press('Control+k');
  await box.fill('compare with');
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: 'Comparison of 85.13.139.18:21' });
  await expect(heading).toBeFocused();
  await expect(page.getByTestId('compare-announcement')).toHaveText(/Comparison of 85\.13\.139\.18:21: (no changes|\d+ changes?)/);
  expect(await h1Count(page)).toBe(1);

  await page.getByRole('button', { name: 'Close comparison' }).click();
  await expect(page.locator('#detail-title')).toBeFocused();
  await expect(page.locator('#detail-title')).toContainText('85.13.139.18:21');

  // Clicking the active History tab returns to the list.
  await tab(page, 'History').click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  // Back returns to the entry; Escape leaves it for the list (not the screen before, as Alt+Left would).
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByRole('region', { name: /Saved host port 85\.13\.139\.18:21/ })).toBeVisible();
  await page.locator('body').press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
});

test('one click compares a snapshot with the one saved before it, and focus lands on the comparison', async ({ page }) => {
  await page.goto(preview.url);
  await tab(page, 'History').click();
  await page.getByRole('option', { name: /85\.13\.139\.18/ }).first().click();
  const rows = page.getByTestId('snapshot-row');
  await expect(rows.first()).toBeVisible();
  // The oldest snapshot has nothing before it.
  await expect(rows.last().getByRole('button', { name: /Compare with previous/ })).toHaveCount(0);
  const compare = rows.first().getByRole('button', { name: /Compare with previous/ });
  await expect(compare).toHaveAccessibleName(/^Compare with previous\s*: snapshot \d+ of \d+$/);
  await compare.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Comparison of 85.13.139.18:21' })).toBeFocused();
});
