// 10,000 banners through the preview: only the rows in view are in the DOM, yet every row is reachable (scroll,
// End key, filter), sorting works, hostile text among them stays inert, and the table passes an axe check.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { lookUp, shot } from '../support/e2e-page';
import { oneHostPort, type HostPortBody } from '../support/banner-corpus';
import { useGraphPreview } from '../support/graph-preview';

const N = 10_000;
const HOST = '198.51.100.90';
const PORT = 443;
const ID = 'e2e-ten-thousand-banners';

function body(): HostPortBody {
  const day = (i: number) => new Date(Date.UTC(2021, 0, 1) + (i % 900) * 86_400_000).toISOString();
  const banners = Array.from({ length: N }, (_, i) => ({
    banner:
      i === 4321
        ? '<img src=x onerror="window.__pwned=1"> \u202Egnp.exe \u001b[31mRED\u001b[0m needle-hostile\r\n'
        : i === N - 1
          ? 'HTTP/1.1 200 OK\r\nServer: the-very-last-banner\r\n\r\n'
          : `HTTP/1.1 200 OK\r\nServer: nginx/1.${i % 30}\r\nX-Row: r${i}\r\n\r\n`,
    scanProtocol: i % 2 ? 'http_raw' : 'telnet',
    firstSeenDateTime: day(i),
    lastSeenDateTime: day(i + 10),
    // Row i observed N - i times: sorting by "Times observed" descending puts row 0 first, ascending the last row.
    timesObserved: N - i,
  }));
  const services = Array.from({ length: N / 10 }, (_, i) => ({
    firstSeenDateTime: day(i),
    lastSeenDateTime: day(i + 20),
    isRecent: i % 2 === 0,
    component: { id: `component-${i}`, name: `svc-${i}`, version: `${i % 9}.0`, category: ['Server', 'Framework', 'Remote Access'][i % 3], firstSeenDateTime: day(i), lastSeenDateTime: day(i + 40) },
  }));
  return { id: ID, port: PORT, protocol: 'tcp', status: 'open', banners, services, host: { id: HOST } };
}

const stand = useGraphPreview(oneHostPort(body()), { name: 'scale' });

test('10,000 banners and 1,000 services: few rows in the DOM, every row reachable, sortable, filterable and inert', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(stand.url);
  await lookUp(page, HOST, PORT);
  const grid = page.getByRole('grid', { name: /^Banners/ });
  await expect(grid.locator('tbody tr[data-row]').first()).toBeVisible({ timeout: 60_000 });
  await expect(grid).toHaveAttribute('aria-rowcount', String(N + 1));

  const rendered = await grid.locator('tbody tr[data-row]').count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(80);
  const nodes = await page.evaluate(() => (globalThis as unknown as { document: { getElementsByTagName(t: string): { length: number } } }).document.getElementsByTagName('*').length);
  expect(nodes).toBeLessThan(20_000);

  // Sort so the order is known, then End goes to the last row, which is rendered with its true index.
  await grid.getByRole('columnheader', { name: 'Times observed' }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: 'Times observed' })).toHaveAttribute('aria-sort', 'descending');
  await expect(grid.locator('tbody tr[data-row="0"]')).toContainText('X-Row: r0');
  await grid.locator('tbody tr[data-row="0"]').focus();
  await page.keyboard.press('End');
  const last = grid.locator(`tbody tr[aria-rowindex="${N + 1}"]`);
  await expect(last).toBeFocused();
  await expect(last).toContainText('the-very-last-banner');
  await page.keyboard.press('PageUp');
  await expect(grid.locator('tbody tr:focus')).not.toHaveAttribute('aria-rowindex', String(N + 1));
  await page.keyboard.press('Home');
  await expect(grid.locator('tbody tr[aria-rowindex="2"]')).toBeFocused();

  // Ascending puts the last banner first.
  await grid.getByRole('columnheader', { name: 'Times observed' }).getByRole('button').click();
  await expect(grid.locator('tbody tr[data-row="0"]')).toContainText('the-very-last-banner');

  // The filter box finds one banner among 10,000; its hostile text is shown, escaped, and runs nothing.
  await page.getByLabel('Filter banners').fill('needle-hostile');
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  const hostile = grid.getByTestId('banner-cell');
  await expect(hostile).toHaveCount(1);
  await expect(hostile).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(hostile).toContainText('\\x1b[31mRED');
  await expect(hostile).not.toContainText('\u202E');
  await expect(hostile.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await shot(page, 'banners-10000-filtered');

  // Services: each category shows its first rows and reveals more on request, with the component's own id.
  const servers = page.getByRole('group', { name: /^Server: 334 services/ });
  await expect(servers.locator('tbody tr')).toHaveCount(50);
  await expect(servers.locator('tbody tr').first()).toContainText(/component-\d+/);
  await servers.getByRole('button', { name: 'Show 200 more' }).click();
  await expect(servers.locator('tbody tr')).toHaveCount(250);

  await page.getByLabel('Filter banners').fill('');
  await expect(grid).toHaveAttribute('aria-rowcount', String(N + 1));
  const axe = await new AxeBuilder({ page }).include('#section-banners').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
