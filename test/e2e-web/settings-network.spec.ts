// Settings › Network and Appearance through the web preview: a manual proxy is saved and read back after a
// reload, a bad one is refused beside its field, the preview says it takes --proxy instead, and Dark switches
// the page to the dark palette and stays after a reload.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shot } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';

let preview: RunningPreview;
let userData: string;

test.beforeEach(async () => {
  userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-settings-network-'));
  preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'] });
});

test.afterEach(async () => {
  await preview?.stop();
  rmSync(userData, { recursive: true, force: true });
});

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

const proxyGroup = (page: Page) => page.getByRole('group', { name: 'Proxy' });

test('the Network section saves a manual proxy and reads it back after a reload', async ({ page }) => {
  await page.goto(preview.url);
  await openSettings(page);
  const network = page.getByRole('region', { name: 'Network' });
  await expect(network.getByTestId('network-preview-note')).toContainText('--proxy');
  await expect(proxyGroup(page).getByRole('radio', { name: 'System proxy' })).toBeChecked();
  await expect(page.getByLabel('Proxy URL', { exact: true })).toBeDisabled();

  await proxyGroup(page).getByRole('radio', { name: 'Manual proxy' }).check();
  await page.getByLabel('Proxy URL', { exact: true }).fill('http://proxy.corp.example:3128');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

  await page.reload();
  await openSettings(page);
  await expect(proxyGroup(page).getByRole('radio', { name: 'Manual proxy' })).toBeChecked();
  await expect(page.getByLabel('Proxy URL', { exact: true })).toHaveValue('http://proxy.corp.example:3128');
  await expect(page.getByLabel('Proxy URL', { exact: true })).toBeEnabled();
  await shot(page, 'settings-network');
});

test('a proxy URL with credentials is refused beside the field and nothing is saved', async ({ page }) => {
  await page.goto(preview.url);
  await openSettings(page);
  await proxyGroup(page).getByRole('radio', { name: 'Manual proxy' }).check();
  const url = page.getByLabel('Proxy URL', { exact: true });
  await url.fill('http://jdoe:secret@proxy.corp.example:3128');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  const problem = page.locator('#settings-proxy-url-problem');
  await expect(problem).toHaveAttribute('role', 'alert');
  await expect(problem).toContainText('user name and password');
  await expect(url).toHaveAttribute('aria-describedby', /settings-proxy-url-problem/);

  await page.reload();
  await openSettings(page);
  await expect(proxyGroup(page).getByRole('radio', { name: 'System proxy' })).toBeChecked();
});

test('choosing Dark switches the page to the dark palette, and it stays after a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(preview.url);
  // The background the page is painted with (the --bg token resolved for the colour scheme in force).
  const rootBg = () =>
    page.evaluate(() => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string }; document: { documentElement: unknown } };
      return g.getComputedStyle(g.document.documentElement).backgroundColor;
    });
  const LIGHT_BG = 'rgb(244, 245, 247)'; // #f4f5f7
  const DARK_BG = 'rgb(15, 18, 22)'; // #0f1216
  await expect.poll(rootBg).toBe(LIGHT_BG);
  await openSettings(page);
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(rootBg).toBe(DARK_BG);
  await shot(page, 'settings-theme-dark');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(rootBg).toBe(DARK_BG);

  // System follows the OS again (light here).
  await openSettings(page);
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'System' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
  await expect.poll(rootBg).toBe(LIGHT_BG);

  // With the OS in dark mode, System gets the same dark palette, and forced Light keeps the light one.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(rootBg).toBe(DARK_BG);
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Light' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect.poll(rootBg).toBe(LIGHT_BG);
});
