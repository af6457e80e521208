// Page helpers shared by the e2e-web specs: the lookup form as an analyst fills it, and screenshots kept as
// test artifacts.
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/** The whole page by default; `fullPage: false` keeps only what is in the window (a menu that is open, say). */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  // Full-page captures of a scrolled page misplace the sticky header and section headings.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: opts.fullPage ?? true });
}

export async function lookUp(page: Page, host: string, port: number | string): Promise<void> {
  await page.getByLabel('Host', { exact: true }).fill(host);
  await page.getByLabel('Port', { exact: true }).fill(String(port));
  await page.getByLabel('Host port ID', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Look up' }).click();
}
