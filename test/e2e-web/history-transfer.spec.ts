// Streamed history export and import in real Chromium through the web preview: the export is a download the
// server writes, the import an upload the browser streams; a malformed record is refused by line number while the
// rest imports, all or nothing imports none, and a progress bar shows how far a long import has read.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startPreview, type RunningPreview } from '../support/preview';
import { makeSnapshot } from '../support/snapshots';

let preview: RunningPreview;
let userData: string;

test.beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-transfer-'));
  preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'], env: { PORTOLAN_GRAPH_TOKEN: undefined } });
});
test.afterAll(async () => {
  await preview?.stop();
  rmSync(userData, { recursive: true, force: true });
});

function ndjson(count: number, from = 0): string[] {
  const lines = [JSON.stringify({ format: 'portolan-history', version: 2, exportedAt: '2024-06-01T00:00:00.000Z' })];
  for (let i = from; i < from + count; i++) {
    const snapshot = { ...makeSnapshot(i, { hostPorts: 20 }), id: `e2e-${i}`, savedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString() };
    lines.push(JSON.stringify({ type: 'snapshot', snapshot }));
  }
  return lines;
}

async function upload(page: Page, lines: string[]): Promise<void> {
  await page.getByLabel('Import history file').setInputFiles({ name: 'history.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
}

test('NDJSON import reports a malformed line and imports the rest; all or nothing imports none; export downloads it back', async ({ page }) => {
  await page.goto(preview.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History', exact: true }).click();

  const bad = ndjson(1, 100);
  bad.push('{"type":"snapshot", not json');
  await page.getByLabel('All or nothing').check();
  await upload(page, bad);
  await expect(page.getByRole('alert')).toContainText('Nothing was imported: 1 malformed record found (line 3');
  await page.getByLabel('All or nothing').uncheck();

  const lines = ndjson(8);
  lines.splice(4, 0, '{"type":"snapshot","snapshot":{"id":"broken"}}');
  await upload(page, lines);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(/^Imported 8 snapshots, skipped 0 already in the history\. Refused 1 malformed record \(line 5: /);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export NDJSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^portolan-history-\d{4}-\d{2}-\d{2}\.ndjson$/);
  const file = join(userData, download.suggestedFilename());
  await download.saveAs(file);
  const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type?: string; format?: string });
  expect(records[0]).toMatchObject({ format: 'portolan-history', version: 2 });
  expect(records.filter((r) => r.type === 'snapshot')).toHaveLength(8);
});

test('a long import shows a progress bar with its value', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(preview.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History', exact: true }).click();
  await upload(page, ndjson(1500, 1000));
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 1,500 snapshots, skipped 0 already in the history.', { timeout: 150_000 });
  await expect(bar).toHaveCount(0);
});
