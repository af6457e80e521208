// portolan:// links through the web preview's --open-url, which queues the link in the core exactly as the
// app does when the OS hands it one: the page pulls it on load, fills the Lookup form and looks it up. A
// hostile link is refused with its reason shown as plain text, and the app goes on working.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startPreview, type RunningPreview } from '../support/preview';

async function withPreview(openUrl: string, run: (preview: RunningPreview) => Promise<void>): Promise<void> {
  const userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-link-'));
  const preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo', '--open-url', openUrl], env: { PORTOLAN_GRAPH_TOKEN: undefined } });
  try {
    await run(preview);
  } finally {
    await preview.stop();
    rmSync(userData, { recursive: true, force: true });
  }
}

type Pwned = { __pwned?: unknown };
const pwned = (page: Page) => page.evaluate(() => (globalThis as unknown as Pwned).__pwned);

test('a portolan://lookup link fills the form and shows the lookup result for that host port', async ({ page }) => {
  await withPreview('portolan://lookup?host=85.13.139.18&port=21', async (preview) => {
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('85.13.139.18:21');
    await expect(page.locator('#section-banners').getByTestId('banner-text').first()).toContainText('220 FTP on dd44024.kasserver.com ready');
    await expect(page.getByLabel('Host', { exact: true })).toHaveValue('85.13.139.18');
    await expect(page.getByLabel('Port', { exact: true })).toHaveValue('21');
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(preview.stderr()).not.toContain('--open-url refused');
    // The link was taken once: a reload does not look it up again.
    await page.reload();
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await expect(page.getByLabel('Host', { exact: true })).toHaveValue('');
  });
});

test('a hostile link is refused as text, nothing runs, and the app still works', async ({ page }) => {
  const hostile = 'portolan://lookup?host=%3Cimg%20src%3Dx%20onerror%3D%22__pwned%3D1%22%3E&port=21';
  await withPreview(hostile, async (preview) => {
    expect(preview.stderr()).toMatch(/--open-url refused: .*contains spaces/);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(preview.url);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Portolan did not open a portolan:// link');
    // The attacker's text is shown, as text.
    await expect(alert).toContainText('onerror');
    await expect(page.locator('img')).toHaveCount(0);
    expect(await pwned(page)).toBeUndefined();
    // Nothing was looked up and nothing was put in the form.
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await expect(page.getByLabel('Host', { exact: true })).toHaveValue('');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    // The app still works: a demo lookup runs as usual.
    await page.getByRole('button', { name: /85\.13\.139\.18:21/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('85.13.139.18:21');
    expect(dialogs).toEqual([]);
    expect(await pwned(page)).toBeUndefined();
  });
});
