// Re-run failed, in real Chromium through the web preview: three of six hosts fail once (Graph answers 400),
// the job finishes with three failed, and "Re-run failed" asks Graph again for those three only.
import { expect, test } from '@playwright/test';
import { shot } from '../support/e2e-page';
import { useGraphPreview } from '../support/graph-preview';

const host = (i: number): string => `198.18.0.${i + 1}`;

function dataset(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < 6; i++) {
    out[`rerun-${i}`] = { id: `rerun-${i}`, port: 22, protocol: 'tcp', status: 'open', host: { '@odata.type': '#microsoft.graph.security.ipAddress', id: host(i) } };
  }
  return out;
}

test.describe('bulk re-run failed', () => {
  const stand = useGraphPreview({ hostPorts: dataset(), scenarios: false }, {
    name: 'bulk-rerun',
    token: 'e2e-bulk-rerun',
    prepare: (graph) => {
      // The first listing of each of the first three hosts is refused; asked again, they answer.
      for (let i = 0; i < 3; i++) graph.setFault(`/hosts/${host(i)}/`, { kind: 'status', status: 400 }, 1);
    },
  });

  test('the failed targets, and only they, are looked up again', async ({ page }) => {
    await page.goto(stand.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Bulk' }).click();
    await page.getByLabel('Job name').fill('RERUN-1');
    await page.getByLabel('Targets').fill(Array.from({ length: 6 }, (_, i) => `${host(i)}:22`).join('\n'));
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByText('RERUN-1 · Finished')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('bulk-figures')).toContainText('Done 3 · Failed 3 · Remaining 0');
    const results = page.getByRole('region', { name: 'Results' });
    await expect(results.locator('tbody tr.failed')).toHaveCount(3);
    await shot(page, 'bulk-rerun-failed-before');

    await page.getByRole('button', { name: 'Re-run failed' }).click();
    await expect(page.getByTestId('bulk-figures')).toContainText('Done 6 · Failed 0 · Remaining 0', { timeout: 20_000 });
    await expect(page.getByText('RERUN-1 · Finished')).toBeVisible();
    await expect(results.locator('tbody tr.failed')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Re-run failed' })).toHaveCount(0);
    const listed = stand.graph.requests.map((r) => /\/hosts\/([^/]+)\/ports/.exec(r.url)?.[1]).filter((h): h is string => h !== undefined);
    for (let i = 0; i < 6; i++) expect(listed.filter((h) => h === host(i)), host(i)).toHaveLength(i < 3 ? 2 : 1);
  });
});
