// Page helpers shared by the e2e-web specs: the lookup form as an analyst fills it, the History list, a Graph
// address out of reach, and screenshots kept as test artifacts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

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

/** The saved host ports listed in History. */
export const savedRows = (page: Page): Locator => page.getByRole('listbox', { name: 'Saved host ports' }).getByRole('option');

/** Goes to the Lookup screen, looks up host:port and waits for its detail heading. */
export async function lookUpFromNav(page: Page, t: { host: string; port: number }): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Lookup' }).click();
  await lookUp(page, t.host, t.port);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${t.host}:${t.port}`);
}

export async function openHistory(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
}

/** A URL where nothing listens: Graph out of reach, for a restart that must work offline. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
