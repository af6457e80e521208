// The preview loads without a single console error or failed request: a stray CSP warning or a missing
// icon trains people to ignore the console, where a real problem would then go unseen. Opened both as
// 127.0.0.1 and as localhost, which are the same server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startPreview, type RunningPreview } from '../support/preview';

/** Everything the page reports as wrong: console errors, uncaught exceptions, failed or 4xx/5xx requests. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  return problems;
}

test.describe('a clean console', () => {
  let preview: RunningPreview;
  let userData: string;

  test.beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-console-'));
    preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'], env: { PORTOLAN_GRAPH_TOKEN: undefined } });
  });
  test.afterAll(async () => {
    await preview?.stop();
    rmSync(userData, { recursive: true, force: true });
  });

  for (const hostname of ['127.0.0.1', 'localhost']) {
    test(`opened as ${hostname}: no console errors and no failed requests through a lookup and every screen`, async ({ page }) => {
      const problems = watch(page);
      const url = new URL(preview.url);
      url.hostname = hostname;
      const icon = page.waitForResponse((r) => new URL(r.url()).pathname === '/favicon.svg');
      await page.goto(url.href);
      await expect(page.getByTestId('demo-badge')).toHaveText('DEMO DATA');
      await page.getByLabel('Host', { exact: true }).fill('85.13.139.18');
      await page.getByLabel('Port', { exact: true }).fill('21');
      await page.getByRole('button', { name: 'Look up' }).click();
      await expect(page.locator('#section-banners')).toContainText('220 FTP');
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const screen of ['History', 'Settings', 'Lookup']) {
        await nav.getByRole('button', { name: screen }).click();
        await expect(nav.getByRole('button', { name: screen })).toHaveAttribute('aria-current', 'page');
      }
      expect(problems).toEqual([]);
      // The icon is declared, served as SVG, and the page's policy let it load.
      await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /favicon\.svg$/);
      const iconResponse = await icon;
      expect(iconResponse.status()).toBe(200);
      expect(iconResponse.headers()['content-type']).toBe('image/svg+xml');
    });
  }

  test('the page carries frame-ancestors in the CSP header only, never in a <meta> policy', async ({ page }) => {
    const response = await page.goto(preview.url);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("default-src 'none'");
    expect(meta).not.toContain('frame-ancestors');
  });
});
