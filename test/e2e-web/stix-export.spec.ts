// STIX export from History in real Chromium through the web preview (demo data): the downloaded bundle is valid
// STIX 2.1 (the OASIS schemas and spec checks of test/support/stix-validator.ts), and focus stays on the button
// that started the export.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { lookUp } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';
import { validateStixBundle } from '../support/stix-validator';

let preview: RunningPreview;
let userData: string;

test.beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-stix-'));
  preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'], env: { PORTOLAN_GRAPH_TOKEN: undefined } });
});
test.afterAll(async () => {
  await preview?.stop();
  rmSync(userData, { recursive: true, force: true });
});

test('a saved host port, one snapshot and the whole history export as valid STIX 2.1', async ({ page }) => {
  await page.goto(preview.url);
  await lookUp(page, '85.13.139.18', 21);
  await expect(page.locator('#detail-title')).toBeFocused();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History', exact: true }).click();
  await page.getByRole('option', { name: /85\.13\.139\.18/ }).first().click();

  const read = async (name: string | RegExp) => {
    const button = page.getByRole('button', { name, exact: typeof name === 'string' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const file = join(userData, download.suggestedFilename());
    await download.saveAs(file);
    await expect(button).toBeFocused();
    return { name: download.suggestedFilename(), bundle: JSON.parse(readFileSync(file, 'utf8')) as { objects: { type: string; value?: string }[] } };
  };

  const hostPort = await read('Export STIX');
  expect(hostPort.name).toMatch(/^portolan-stix-host-port-\d{4}-\d{2}-\d{2}\.json$/);
  expect(validateStixBundle(hostPort.bundle)).toEqual([]);
  expect(hostPort.bundle.objects).toContainEqual(expect.objectContaining({ type: 'ipv4-addr', value: '85.13.139.18' }));
  expect(hostPort.bundle.objects.some((o) => o.type === 'observed-data')).toBe(true);

  const one = await read('Export this snapshot as STIX');
  expect(one.name).toMatch(/^portolan-stix-snapshot-/);
  expect(validateStixBundle(one.bundle)).toEqual([]);

  await page.getByRole('button', { name: 'All saved host ports' }).click();
  const all = await read('Export STIX');
  expect(all.name).toMatch(/^portolan-stix-history-/);
  expect(validateStixBundle(all.bundle)).toEqual([]);
});
