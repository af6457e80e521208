// The timeline of a saved host port in real Chromium through the web preview: two lookups of one host port (Graph's
// answer changes between them) make bars merged across both snapshots, two save marks and two certificate bands;
// focus shows exact UTC dates, zoom narrows the axis, hostile banner text stays text, and after a restart with Graph
// unreachable the timeline still opens from the saved snapshots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { closedPortUrl, shot } from '../support/e2e-page';
import { startGraphServer, type GraphServer } from '../support/graph-server';
import { startPreview, type RunningPreview } from '../support/preview';

const TOKEN = { PORTOLAN_GRAPH_TOKEN: 'e2e-timeline-token' };
const T = { id: 'e2e-timeline-0001', host: '203.0.113.71', port: 443 };
const HOSTILE = '<img src=x onerror=window.__pwned=1>\u202Eevil';

const banner = (text: string, scanProtocol: string, first: string, last: string) => ({ banner: text, scanProtocol, firstSeenDateTime: first, lastSeenDateTime: last, timesObserved: 3 });
const service = (name: string, version: string, first: string, last: string) => ({
  firstSeenDateTime: first,
  lastSeenDateTime: last,
  isRecent: true,
  component: { id: `${name}-${version}`, name, version, category: 'Server' },
});
const certificate = (sha1: string, from: string, until: string) => ({
  id: `cert-${sha1.slice(0, 6)}`,
  sha1,
  fingerprint: sha1,
  serialNumber: '01',
  issueDateTime: from,
  expirationDateTime: until,
  firstSeenDateTime: from,
  lastSeenDateTime: until,
  subject: { commonName: 'shop.example.test', alternateNames: [] },
  issuer: { commonName: 'E2E Test CA' },
});
const hostPort = (banners: unknown[], services: unknown[], cert: unknown) => ({
  '@odata.type': '#microsoft.graph.security.hostPort',
  id: T.id,
  port: T.port,
  status: 'open',
  protocol: 'tcp',
  firstSeenDateTime: '2023-01-01T00:00:00Z',
  lastSeenDateTime: '2024-06-01T00:00:00Z',
  lastScanDateTime: '2024-06-01T00:00:00Z',
  timesObserved: 5,
  banners,
  services,
  mostRecentSslCertificate: cert,
  host: { '@odata.type': '#microsoft.graph.security.ipAddress', id: T.host },
});

const BEFORE = hostPort(
  [banner('HTTP/1.1 200 OK\r\nServer: nginx/1.18.0', 'https', '2023-01-01T00:00:00Z', '2023-06-01T00:00:00Z')],
  [service('nginx', '1.18.0', '2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z')],
  certificate('1111111111111111111111111111111111111111', '2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
);
const AFTER = hostPort(
  [
    banner('HTTP/1.1 200 OK\r\nServer: nginx/1.18.0', 'https', '2023-03-01T00:00:00Z', '2024-06-01T00:00:00Z'),
    banner(HOSTILE, 'http_raw', '2024-02-01T00:00:00Z', '2024-05-01T00:00:00Z'),
  ],
  [service('nginx', '1.25.3', '2024-01-01T00:00:00Z', '2024-06-01T00:00:00Z')],
  certificate('2222222222222222222222222222222222222222', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
);
// Thousands of banners: the picture stays bounded (a page of bars, "N more", a filter).
const MANY = { id: 'e2e-timeline-many-0002', host: '203.0.113.72', port: 8080 };
const MANY_BANNERS = Array.from({ length: 3000 }, (_, i) => {
  const day = String((i % 28) + 1).padStart(2, '0');
  return banner(`banner-${String(i).padStart(4, '0')}`, 'http_raw', `2023-01-${day}T00:00:00Z`, '2024-01-01T00:00:00Z');
});
const hostPorts: Record<string, unknown> = {
  [T.id]: BEFORE,
  [MANY.id]: { ...hostPort(MANY_BANNERS, [], null), id: MANY.id, port: MANY.port, host: { '@odata.type': '#microsoft.graph.security.ipAddress', id: MANY.host } },
};

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
type Pwned = { __pwned?: unknown };

async function lookUp(page: Page, t: { host: string; port: number } = T): Promise<void> {
  await nav(page).getByRole('button', { name: 'Lookup' }).click();
  await page.getByLabel('Host', { exact: true }).fill(t.host);
  await page.getByLabel('Port', { exact: true }).fill(String(t.port));
  await page.getByLabel('Host port ID', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${t.host}:${t.port}`);
}

async function openTimeline(page: Page): Promise<void> {
  await nav(page).getByRole('button', { name: 'History' }).click();
  await page.getByRole('listbox', { name: 'Saved host ports' }).getByRole('option').filter({ hasText: `${T.host}:${T.port}` }).click();
  await expect(page.getByTestId('saved-marker')).toBeVisible();
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Timeline', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Timeline — ${T.host}:${T.port}/tcp` })).toBeVisible();
}


test.describe.serial('timeline', () => {
  let graph: GraphServer;
  let preview: RunningPreview | undefined;
  let userData: string;

  const start = async (graphUrl: string): Promise<void> => {
    await preview?.stop();
    preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--graph-base-url', graphUrl], env: TOKEN });
  };

  test.beforeAll(async () => {
    graph = await startGraphServer({ hostPorts, scenarios: false });
    userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-timeline-'));
    await start(graph.url);
  });
  test.afterAll(async () => {
    await preview?.stop();
    await graph?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('two saved lookups: merged bars, two save marks, dates on focus, zoom, hostile text inert', async ({ page }) => {
    await page.goto(preview!.url);
    await lookUp(page);
    hostPorts[T.id] = AFTER;
    await lookUp(page);
    // The fresh detail, once saved, opens the same timeline.
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Timeline', exact: true }).getByTestId('timeline-mark')).toHaveCount(2);
    await openTimeline(page);

    const tl = page.getByTestId('timeline');
    await expect(tl.getByTestId('timeline-mark')).toHaveCount(2);
    await expect(tl.getByTestId('timeline-band')).toHaveCount(2);
    // The nginx banner seen in both snapshots is one bar; each nginx version is its own.
    await expect(tl.getByTestId('timeline-banner')).toHaveCount(2);
    await expect(tl.getByTestId('timeline-service')).toHaveCount(2);

    // Focus shows exact dates: the merged banner runs from the first snapshot's first seen to the second's last seen.
    const merged = tl.getByTestId('timeline-banner').first();
    await merged.focus();
    const tip = tl.getByRole('tooltip');
    await expect(tip).toContainText('First seen 2023-01-01 00:00:00 UTC');
    await expect(tip).toContainText('Last seen 2024-06-01 00:00:00 UTC');
    await expect(tip).toContainText('In 2 snapshots');
    await expect(merged).toHaveAttribute('tabindex', '0');
    // One tab stop: the arrow keys move focus to the next item (the hostile banner).
    await page.keyboard.press('ArrowDown');
    await expect(tl.getByTestId('timeline-banner').nth(1)).toBeFocused();
    await expect(merged).toHaveAttribute('tabindex', '-1');
    await expect(tip).toContainText('<img src=x onerror=window.__pwned=1>');
    await expect(tip).toContainText('First seen 2024-02-01 00:00:00 UTC');
    await expect(tl.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (globalThis as unknown as Pwned).__pwned)).toBeUndefined();
    await shot(page, 'timeline');

    // Zoom: the buttons, a drag across the plot, and Reset.
    const range = tl.getByTestId('timeline-range');
    const whole = await range.textContent();
    await tl.getByRole('button', { name: 'Zoom in' }).click();
    await expect(range).not.toHaveText(whole!);
    await expect(tl.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
    await tl.getByRole('button', { name: 'Reset zoom' }).click();
    await expect(range).toHaveText(whole!);
    const box = (await tl.getByTestId('timeline-svg').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + 8);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + 8, { steps: 4 });
    await page.mouse.up();
    await expect(range).not.toHaveText(whole!);
    // The keyboard zooms too: the From slider moves the start.
    await tl.getByRole('button', { name: 'Reset zoom' }).click();
    await tl.getByRole('slider', { name: 'From' }).focus();
    await page.keyboard.press('PageUp');
    await expect(range).not.toHaveText(whole!);

    // The text alternative: the same data as a table.
    await tl.getByRole('button', { name: 'Reset zoom' }).click();
    await tl.getByRole('button', { name: 'Show as table' }).click();
    const table = tl.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(1 + 2 + 2 + 4);
    await expect(table).toContainText('2025-01-01 00:00:00 UTC');
    await expect(table).toContainText('nginx 1.25.3');
  });

  test('3,000 banners: a bounded page of bars, "Show more", and a filter', async ({ page }) => {
    await page.goto(preview!.url);
    await lookUp(page, MANY);
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    const tl = page.getByRole('region', { name: 'Timeline', exact: true });
    await expect(tl.getByTestId('timeline-banner')).toHaveCount(40);
    // Main sends at most 2,000 bars of a kind and says how many more there were.
    await expect(tl.getByTestId('timeline-counts')).toContainText('40 bars shown, 1960 more, 1000 too many to load');
    await tl.getByRole('button', { name: 'Show 40 more' }).click();
    await expect(tl.getByTestId('timeline-banner')).toHaveCount(80);
    await tl.getByLabel('Filter bars').fill('banner-2999');
    await expect(tl.getByTestId('timeline-banner')).toHaveCount(1);
    await expect(tl.getByTestId('timeline-counts')).toContainText('1 bar shown, 1999 filtered out');
  });

  test('after a restart with Graph unreachable the timeline opens from the saved snapshots', async ({ page }) => {
    await start(await closedPortUrl());
    await page.goto(preview!.url);
    await openTimeline(page);
    const tl = page.getByTestId('timeline');
    await expect(tl.getByTestId('timeline-mark')).toHaveCount(2);
    await expect(tl.getByTestId('timeline-banner')).toHaveCount(2);
    await tl.getByRole('button', { name: 'Close timeline' }).click();
    await expect(page.getByRole('button', { name: 'Timeline', exact: true })).toBeFocused();
    // Escape inside the timeline closes it and stays on the saved entry (a second Escape would leave the entry).
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    await expect(tl).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(tl).toHaveCount(0);
    await expect(page.getByTestId('saved-marker')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Timeline', exact: true })).toBeFocused();
  });
});
