// The History list as an analyst works it, in real Chromium through the web preview: a search shows why each row
// matched (hostile text stays text), the list sorts by port and keeps that order across screens, an export with a
// search on holds only the rows shown, and a snapshot row says what changed after Graph's answer changed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startGraphServer, type GraphServer } from '../support/graph-server';
import { shot } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';

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
const rows = (page: Page): Locator => page.getByRole('listbox', { name: 'Saved host ports' }).getByRole('option');

async function lookUp(page: Page, t: Target): Promise<void> {
  await nav(page).getByRole('button', { name: 'Lookup' }).click();
  await page.getByLabel('Host', { exact: true }).fill(t.host);
  await page.getByLabel('Port', { exact: true }).fill(String(t.port));
  await page.getByLabel('Host port ID', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(label(t));
}

async function openHistory(page: Page): Promise<void> {
  await nav(page).getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
}

test.describe.serial('history for the analyst', () => {
  let graph: GraphServer;
  let preview: RunningPreview;
  let userData: string;

  test.beforeAll(async () => {
    graph = await startGraphServer({ hostPorts, scenarios: false });
    userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-analyst-'));
    preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--graph-base-url', graph.url], env: { PORTOLAN_GRAPH_TOKEN: 'e2e-analyst-token' } });
  });
  test.afterAll(async () => {
    await preview?.stop();
    await graph?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('a search shows the excerpt that matched, the match marked, hostile text inert', async ({ page }) => {
    await page.goto(preview.url);
    for (const t of [WEB, SSH, DNS]) await lookUp(page, t);
    await openHistory(page);
    await expect(rows(page)).toHaveCount(3);
    await expect(page.getByTestId('history-match')).toHaveCount(0);

    await page.getByRole('searchbox', { name: 'Search history' }).fill('evilcorp');
    await expect(rows(page)).toHaveCount(1);
    const match = rows(page).first().getByTestId('history-match');
    await expect(match).toContainText('banner:');
    await expect(match).toContainText('Server: evilcorp <img src=x onerror=window.__pwned=1>');
    await expect(match.locator('mark')).toHaveText(['evilcorp']);
    await expect(match.locator('img')).toHaveCount(0);
    // The option's accessible name carries the excerpt it shows.
    await expect(page.getByRole('option', { name: /evilcorp/ })).toHaveCount(1);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();

    await page.getByRole('searchbox', { name: 'Search history' }).fill('nginx/1.18');
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first().getByTestId('history-match').locator('mark')).toHaveText(['nginx/1.18']);
    await shot(page, 'history-search-match');
    await page.getByRole('searchbox', { name: 'Search history' }).fill('');
  });

  test('sort by port orders the rows and stays chosen across screens', async ({ page }) => {
    await page.goto(preview.url);
    await openHistory(page);
    await expect(rows(page)).toHaveCount(3);
    await expect(rows(page).nth(0)).toContainText(label(DNS));
    await page.getByLabel('Sort by').selectOption({ label: 'Port, lowest first' });
    await expect(rows(page).nth(0)).toContainText(label(SSH));
    await expect(rows(page).nth(1)).toContainText(label(DNS));
    await expect(rows(page).nth(2)).toContainText(label(WEB));
    await page.getByLabel('Sort by').selectOption({ label: 'Port, highest first' });
    await expect(rows(page).nth(0)).toContainText(label(WEB));

    await nav(page).getByRole('button', { name: 'Lookup' }).click();
    await openHistory(page);
    await expect(page.getByLabel('Sort by')).toHaveValue('port:desc');
    await expect(rows(page).nth(0)).toContainText(label(WEB));
    await expect(rows(page).nth(2)).toContainText(label(SSH));
  });

  test('Export with a search on holds only the rows shown; Export all holds everything', async ({ page }) => {
    await page.goto(preview.url);
    await openHistory(page);
    await page.getByRole('combobox', { name: /^Status/ }).selectOption('open');
    await expect(rows(page)).toHaveCount(2);

    const exportNdjson = async (name: string | RegExp): Promise<{ type?: string; snapshot?: { hostPortId: string } }[]> => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const file = join(userData, `${Date.now().toString(36)}-${download.suggestedFilename()}`);
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
    await page.goto(preview.url);
    await lookUp(page, WEB);
    hostPorts[WEB.id] = WEB_AFTER;
    await lookUp(page, WEB);
    await openHistory(page);
    await rows(page).filter({ hasText: label(WEB) }).click();
    const marks = page.getByTestId('snapshot-change');
    await expect(marks).toHaveText(['changed: banners +2 −1, services 1 version changed', 'no change', 'first snapshot']);
    await expect(page.getByRole('cell', { name: 'changed: banners +2 −1, services 1 version changed' })).toBeVisible();
    await shot(page, 'history-change-marks');
  });
});
