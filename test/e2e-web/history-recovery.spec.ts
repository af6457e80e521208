// History damage in real Chromium through the web preview: a deleted journal loses no saved snapshot and the
// user is told; a history the app may not write (written by a newer version) still gives every lookup its result,
// with a notice in the detail that it was not saved.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startPreview, type RunningPreview } from '../support/preview';

async function lookUp(page: Page, host: string, port: number): Promise<void> {
  await page.getByLabel('Host', { exact: true }).fill(host);
  await page.getByLabel('Port', { exact: true }).fill(String(port));
  await page.getByLabel('Host port ID', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${host}:${port}`);
}

const savedRow = (page: Page, label: string) => page.getByRole('listbox', { name: 'Saved host ports' }).getByRole('option').filter({ hasText: label });

function snapshotFiles(userData: string): string[] {
  const root = join(userData, 'history', 'snapshots');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((b) => readdirSync(join(root, b)).filter((f) => /^[A-Za-z0-9_-]+\.json$/.test(f)));
}

const demo = (userData: string) => startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'], env: { PORTOLAN_GRAPH_TOKEN: undefined } });

test.describe('history recovery', () => {
  let userData: string;
  let preview: RunningPreview | undefined;

  test.beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-recovery-'));
  });
  test.afterEach(async () => {
    await preview?.stop();
    preview = undefined;
    rmSync(userData, { recursive: true, force: true });
  });

  test('a journal deleted before start: the saved snapshot is still listed, the user is told, and nothing is lost', async ({ page }) => {
    // Three preview starts, each opening the history in its own worker: more than one test's worth of time.
    test.slow();
    preview = await demo(userData);
    await page.goto(preview.url);
    await lookUp(page, '85.13.139.18', 21);
    await preview.stop();
    expect(snapshotFiles(userData)).toHaveLength(1);

    rmSync(join(userData, 'history', 'history-journal.ndjson'));
    preview = await demo(userData);
    await page.goto(preview.url);
    await expect(page.getByRole('status').filter({ hasText: 'journal was missing' })).toContainText('rebuilt from the saved snapshots');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'History' }).click();
    await expect(savedRow(page, '85.13.139.18:21')).toBeVisible();
    // Keep using the app: another lookup is saved beside the recovered one.
    await nav.getByRole('button', { name: 'Lookup' }).click();
    await lookUp(page, '203.0.113.10', 443);
    await expect(page.getByText('This result was not saved to history')).toHaveCount(0);
    await preview.stop();
    expect(snapshotFiles(userData)).toHaveLength(2);

    preview = await demo(userData);
    await page.goto(preview.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
    await expect(savedRow(page, '85.13.139.18:21')).toBeVisible();
    await expect(savedRow(page, '203.0.113.10:443')).toBeVisible();
    expect(snapshotFiles(userData)).toHaveLength(2);
  });

  test('a history written by a newer version: the lookup result is shown, with a notice that it was not saved', async ({ page }) => {
    mkdirSync(join(userData, 'history'), { recursive: true });
    writeFileSync(join(userData, 'history', 'history-meta.json'), JSON.stringify({ format: 'portolan-history-meta', schemaVersion: 3, hostPorts: {} }));
    preview = await demo(userData);
    await page.goto(preview.url);
    await expect(page.getByRole('status').filter({ hasText: 'newer version of Portolan' })).toContainText('read-only');
    await lookUp(page, '85.13.139.18', 21);
    const notice = page.getByRole('status').filter({ hasText: 'This result was not saved to history:' });
    await expect(notice).toContainText('read-only');
    // The result itself is all there.
    await expect(page.getByRole('heading', { level: 1 })).toContainText('85.13.139.18:21');
    expect(snapshotFiles(userData)).toHaveLength(0);
  });
});
