// Bulk lookup in real Chromium through the web preview: 50 pasted lines (mixed forms, bad lines, duplicates),
// the preview of what will run, a job against the Graph stand-in with a moving progress bar, pause and resume,
// CSV export (attacker text defused), and one result opened in the normal detail view.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { shot } from '../support/e2e-page';
import { useGraphPreview } from '../support/graph-preview';

const HOSTS = 40;
const host = (i: number): string => `203.0.113.${i + 1}`;

function dataset(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < HOSTS; i++) {
    out[`e2e-bulk-${i}`] = {
      id: `e2e-bulk-${i}`,
      port: 443,
      protocol: 'tcp',
      status: 'open',
      banners: [{ banner: 'HTTP/1.1 200 OK', scanProtocol: 'http_raw' }],
      services: [{ isRecent: true, component: { id: `c${i}`, name: i === 0 ? "=HYPERLINK(\"http://x\")" : 'nginx', version: '1.25', category: 'Server' } }],
      mostRecentSslCertificate: { id: `cert-${i}`, subject: { commonName: `bulk${i}.example` } },
      host: { '@odata.type': '#microsoft.graph.security.ipAddress', id: host(i) },
    };
  }
  return out;
}

/** 40 good lines in several forms, 5 refused lines, 5 duplicates: 50 in all. */
function pasted(): string {
  const lines: string[] = [];
  for (let i = 0; i < HOSTS; i++) {
    const h = host(i);
    lines.push(i % 4 === 0 ? `${h}:443` : i % 4 === 1 ? `https://${h}/login` : i % 4 === 2 ? `${h.replace(/\./g, '[.]')}:443` : `${h} 443`);
    if (i % 8 === 0) lines.push(i % 16 === 0 ? 'not a host at all' : `${h}:70000`);
    if (i % 8 === 4) lines.push(`${h} 443`);
  }
  return lines.join('\n');
}

test.describe('bulk lookup', () => {
  const stand = useGraphPreview({ hostPorts: dataset(), scenarios: false }, {
    name: 'bulk',
    token: 'e2e-bulk-token',
    prepare: (graph) => {
      // Answers take a while, so the job is visibly under way when the analyst pauses it.
      graph.setFault(/\/hosts\//, { kind: 'delay', ms: 700 });
    },
  });

  test('paste, preview, run with pause and resume, export CSV, open a result', async ({ page }) => {
    await page.goto(stand.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Bulk' }).click();
    const text = pasted();
    expect(text.split('\n')).toHaveLength(50);
    await page.getByLabel('Job name').fill('INC-4711');
    await page.getByLabel('Targets').fill(text);
    await expect(page.getByTestId('bulk-preview-counts')).toHaveText('40 to look up · 5 rejected · 5 duplicates removed');
    await expect(page.getByText(/Line 2: not a host at all/)).toBeVisible();
    await expect(page.getByText(/70000.*above 65535/).first()).toBeVisible();
    await shot(page, 'bulk-preview');

    await page.getByRole('button', { name: 'Start' }).click();
    const bar = page.getByRole('progressbar', { name: 'Bulk job progress' });
    await expect(bar).toHaveAttribute('aria-valuemax', '40');
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByText('INC-4711 · Paused')).toBeVisible();
    // Requests already on their way finish; nothing new starts while paused.
    const requestsAtPause = stand.graph.requests.length;
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(40);
    const heldAt = Number(await bar.getAttribute('aria-valuenow'));
    expect(heldAt).toBeLessThan(40);
    await shot(page, 'bulk-paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(bar).toHaveAttribute('aria-valuenow', '40', { timeout: 30_000 });
    await expect(page.getByText('INC-4711 · Finished')).toBeVisible();
    expect(stand.graph.requests.length).toBeGreaterThan(requestsAtPause);
    // One listing per host, each asked once.
    const listed = stand.graph.requests.map((r) => /\/hosts\/([^/]+)\/ports/.exec(r.url)?.[1]).filter(Boolean);
    expect(new Set(listed).size).toBe(HOSTS);
    expect(listed).toHaveLength(HOSTS);
    await expect(page.getByTestId('bulk-figures')).toContainText('Done 40 · Failed 0 · Remaining 0');
    await shot(page, 'bulk-finished');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toContain('line,target,outcome,host,port');
    expect(rows).toHaveLength(41);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") 1.25"`);

    await page.getByRole('searchbox', { name: 'Filter results' }).fill('bulk7.example');
    const results = page.getByRole('region', { name: 'Results' });
    await expect(results.locator('tbody tr')).toHaveCount(1);
    await results.locator('tbody tr').first().getByRole('button').click();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('e2e-bulk-7').first()).toBeVisible();
    await shot(page, 'bulk-opened-result');
  });
});
