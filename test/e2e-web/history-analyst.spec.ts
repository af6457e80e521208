// The History list as an analyst works it, in real Chromium through the web preview: a search shows why each row
// matched (hostile text stays text), the list sorts by port and keeps that order across screens, an export with a
// search on holds only the rows shown, and a snapshot row says what changed after Graph's answer changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { lookUpFromNav, openHistory, savedRows, shot } from '../support/e2e-page';
import { useGraphPreview } from '../support/graph-preview';

const WEB = { id: 'e2e-analyst-web-0001', host: '203.0.113.71', port: 443 };
const SSH = { id: 'e2e-analyst-ssh-0002', host: '203.0.113.72', port: 22 };
const DNS = { id: 'e2e-analyst-dns-0003', host: '198.51.100.73', port: 53 };
type Target = typeof WEB;

const banner = (text: string, scanProtocol: string) => ({
  banner: text,
  scanProtocol,
  firstSeenDateTime: '2024-01-01T00:00:00Z',
  lastSeenDateTime: '2025-01-01T00:00:00Z',
  timesObserved: 3,
});
const service = (name: string, version: string) => ({
  firstSeenDateTime: '2024-01-01T00:00:00Z',
  lastSeenDateTime: '2025-01-01T00:00:00Z',
  isRecent: true,
  component: { id: `${name}-${version}`, name, version, category: 'Server' },
});
const hostPort = (t: Target, status: string, banners: unknown[], services: unknown[]) => ({
  '@odata.type': '#microsoft.graph.security.hostPort',
  id: t.id,
  port: t.port,
  status,
  protocol: 'tcp',
  firstSeenDateTime: '2023-03-03T03:03:03Z',
  lastSeenDateTime: '2025-01-01T00:00:00Z',
  lastScanDateTime: '2025-01-01T00:05:00Z',
  timesObserved: 3,
  banners,
  services,
  host: { '@odata.type': '#microsoft.graph.security.ipAddress', id: t.host },
});

const HOSTILE = 'Server: evilcorp <img src=x onerror=window.__pwned=1>';
const WEB_BEFORE = hostPort(WEB, 'open', [banner('HTTP/1.1 200 OK\r\nServer: nginx/1.18.0', 'https')], [service('nginx', '1.18.0')]);
const WEB_AFTER = hostPort(
  WEB,
  'open',
  [banner('HTTP/1.1 200 OK\r\nServer: nginx/1.25.3', 'https'), banner('HTTP/1.1 302 Found', 'http_raw')],
  [service('nginx', '1.25.3')],
);
const hostPorts: Record<string, unknown> = {
  [WEB.id]: WEB_BEFORE,
  [SSH.id]: hostPort(SSH, 'open', [banner('SSH-2.0-OpenSSH_9.3', 'ssh'), banner(HOSTILE, 'http_raw')], [service('OpenSSH', '9.3')]),
  [DNS.id]: hostPort(DNS, 'filtered', [banner('dnsmasq-2.80', 'dns')], [service('dnsmasq', '2.80')]),
};

const label = (t: Target): string => `${t.host}:${t.port}`;
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });





test.describe.serial('history for the analyst', () => {
  const stand = useGraphPreview({ hostPorts, scenarios: false }, { name: 'analyst', token: 'e2e-analyst-token' });

  test('a search shows the excerpt that matched, the match marked, hostile text inert', async ({ page }) => {
    await page.goto(stand.url);
    for (const t of [WEB, SSH, DNS]) await lookUpFromNav(page, t);
    await openHistory(page);
    await expect(savedRows(page)).toHaveCount(3);
    await expect(page.getByTestId('history-match')).toHaveCount(0);

    await page.getByRole('searchbox', { name: 'Search history' }).fill('evilcorp');
    await expect(savedRows(page)).toHaveCount(1);
    const match = savedRows(page).first().getByTestId('history-match');
    await expect(match).toContainText('banner:');
    await expect(match).toContainText('Server: evilcorp <img src=x onerror=window.__pwned=1>');
    await expect(match.locator('mark')).toHaveText(['evilcorp']);
    await expect(match.locator('img')).toHaveCount(0);
    // The option's accessible name carries the excerpt it shows.
    await expect(page.getByRole('option', { name: /evilcorp/ })).toHaveCount(1);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();

    await page.getByRole('searchbox', { name: 'Search history' }).fill('nginx/1.18');
    await expect(savedRows(page)).toHaveCount(1);
    await expect(savedRows(page).first().getByTestId('history-match').locator('mark')).toHaveText(['nginx/1.18']);
    await shot(page, 'history-search-match');
    await page.getByRole('searchbox', { name: 'Search history' }).fill('');
  });

  test('sort by port orders the rows and stays chosen across screens', async ({ page }) => {
    await page.goto(stand.url);
    await openHistory(page);
    await expect(savedRows(page)).toHaveCount(3);
    await expect(savedRows(page).nth(0)).toContainText(label(DNS));
    await page.getByLabel('Sort by').selectOption({ label: 'Port, lowest first' });
    await expect(savedRows(page).nth(0)).toContainText(label(SSH));
    await expect(savedRows(page).nth(1)).toContainText(label(DNS));
    await expect(savedRows(page).nth(2)).toContainText(label(WEB));
    await page.getByLabel('Sort by').selectOption({ label: 'Port, highest first' });
    await expect(savedRows(page).nth(0)).toContainText(label(WEB));

    await nav(page).getByRole('button', { name: 'Lookup' }).click();
    await openHistory(page);
    await expect(page.getByLabel('Sort by')).toHaveValue('port:desc');
    await expect(savedRows(page).nth(0)).toContainText(label(WEB));
    await expect(savedRows(page).nth(2)).toContainText(label(SSH));
  });

  test('Export with a search on holds only the rows shown; Export all holds everything', async ({ page }) => {
    await page.goto(stand.url);
    await openHistory(page);
    await page.getByRole('combobox', { name: /^Status/ }).selectOption('open');
    await expect(savedRows(page)).toHaveCount(2);

    const exportNdjson = async (name: string | RegExp): Promise<{ type?: string; snapshot?: { hostPortId: string } }[]> => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const file = join(stand.userData, `${Date.now().toString(36)}-${download.suggestedFilename()}`);
      await download.saveAs(file);
      return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type?: string; snapshot?: { hostPortId: string } });
    };

    const shown = await exportNdjson('Export NDJSON (2 shown)');
    const shownIds = shown.filter((r) => r.type === 'snapshot').map((r) => r.snapshot!.hostPortId);
    expect(shownIds.sort()).toEqual([WEB.id, SSH.id].sort());

    await page.getByLabel('Export all').check();
    const all = await exportNdjson('Export NDJSON (all)');
    expect(new Set(all.filter((r) => r.type === 'snapshot').map((r) => r.snapshot!.hostPortId))).toEqual(new Set([WEB.id, SSH.id, DNS.id]));
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  test('after a lookup whose answer changed, the new snapshot row says what changed', async ({ page }) => {
    await page.goto(stand.url);
    await lookUpFromNav(page, WEB);
    hostPorts[WEB.id] = WEB_AFTER;
    await lookUpFromNav(page, WEB);
    await openHistory(page);
    await savedRows(page).filter({ hasText: label(WEB) }).click();
    const marks = page.getByTestId('snapshot-change');
    await expect(marks).toHaveText(['changed: banners +2 −1, services 1 version changed', 'no change', 'first snapshot']);
    await expect(page.getByRole('cell', { name: 'changed: banners +2 −1, services 1 version changed' })).toBeVisible();
    await shot(page, 'history-change-marks');
  });
});
