// The lookup path in real Chromium through the web preview: demo data, then a local Graph-shaped server
// reached with PORTOLAN_GRAPH_TOKEN. Screenshots of the main screens go to test-results/screenshots/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoDataset } from '../../src-main/core/demo/fixtures';
import { SCENARIO_HOSTS } from '../support/graph-server';
import { lookUp, shot } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';
import { useGraphPreview } from '../support/graph-preview';

/** Anything a hostile banner could do if it were ever parsed as markup. */
type Pwned = { __pwned?: unknown };
const pwned = (page: Page) => page.evaluate(() => (globalThis as unknown as Pwned).__pwned);

test.describe('demo data', () => {
  let preview: RunningPreview;
  let userData: string;

  test.beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-demo-'));
    preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'], env: { PORTOLAN_GRAPH_TOKEN: undefined } });
  });
  test.afterAll(async () => {
    await preview?.stop();
    rmSync(userData, { recursive: true, force: true });
  });

  test('opens on an explained empty state, labelled as demo data', async ({ page }) => {
    await page.goto(preview.url);
    await expect(page.getByTestId('demo-badge')).toHaveText('DEMO DATA');
    await expect(page.getByTestId('empty-state')).toContainText('Look up a port on a host');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' })).toBeVisible();
    await shot(page, 'empty');
  });

  test('a demo lookup shows banners and services', async ({ page }) => {
    await page.goto(preview.url);
    await page.getByRole('button', { name: /85\.13\.139\.18:21/ }).click();
    const banners = page.locator('#section-banners');
    await expect(banners.getByTestId('banner-text').first()).toContainText('220 FTP on dd44024.kasserver.com ready');
    await expect(page.locator('#section-services')).toContainText('OpenSSH');
    await expect(page.locator('#section-services')).toContainText('Remote Access');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('85.13.139.18:21');
    await shot(page, 'demo-detail');
  });

  test('Enter submits, client-side validation explains bad input, navigation switches screens', async ({ page }) => {
    await page.goto(preview.url);
    await page.getByLabel('Host', { exact: true }).fill('85.13.139.18');
    await page.getByLabel('Port', { exact: true }).fill('70000');
    await page.getByLabel('Port', { exact: true }).press('Enter');
    await expect(page.getByText('Port 70000 is above 65535, the highest port number.')).toBeVisible();
    await expect(page.getByLabel('Port', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Port', { exact: true }).fill('21');
    await page.getByLabel('Port', { exact: true }).press('Enter');
    await expect(page.locator('#section-banners')).toContainText('220 FTP');

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Settings' }).click();
    await expect(nav.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await nav.getByRole('button', { name: 'Lookup' }).click();
    // The last result survives a trip to another screen.
    await expect(page.locator('#section-banners')).toContainText('220 FTP');
  });

  test('a pasted defanged URL fills Host and Port, says what it changed, and the demo example is found', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(preview.url).origin });
    await page.goto(preview.url);
    const host = page.getByLabel('Host', { exact: true });
    const port = page.getByLabel('Port', { exact: true });
    const notes = page.getByTestId('host-notes');
    await expect(notes).toHaveAttribute('aria-live', 'polite');

    // A real paste (clipboard and keyboard), as an analyst copies an indicator from a report.
    type Clip = { navigator: { clipboard: { writeText(text: string): Promise<void> } } };
    await page.evaluate((text) => (globalThis as unknown as Clip).navigator.clipboard.writeText(text), 'https://85.13.139[.]18:21/');
    await host.focus();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(host).toHaveValue('85.13.139.18');
    await expect(port).toHaveValue('21');
    await expect(notes).toContainText('Defanged brackets removed');
    await expect(notes).toContainText('Port 21 taken from the URL.');
    await expect(host).toHaveAttribute('aria-describedby', /lookup-host-notes/);
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('85.13.139.18:21');
    await expect(page.locator('#section-banners')).toContainText('220 FTP on dd44024.kasserver.com ready');

    // Typed (not pasted): the same happens when the field loses focus.
    await port.fill('');
    await host.fill('hxxp://85[.]13[.]139[.]18:21');
    await host.press('Tab');
    await expect(host).toHaveValue('85.13.139.18');
    await expect(port).toHaveValue('21');
    await expect(notes).toContainText('Defanged scheme hxxp read as http.');
    // Typing over the tidied host clears the notes, which described the text that was there.
    await host.fill('example.com');
    await expect(notes).toBeEmpty();
  });
});

// A hostPort whose banners, services and host fields are hostile, plus a 20 KB banner and distinct sort keys.
const HOSTILE_ID = 'e2e-hostile-hostport-0001';
const HOSTILE_HOST = '192.0.2.201';
const HOSTILE_PORT = 8081;
const IMG_BANNER = '<img src=x onerror=window.__pwned=1>\r\n';
const SCRIPT_BANNER = '<script>window.__pwned=1</script>\x1b[31mRED\x1b[0m \u202Egnp.exe\0\r\n';
const LONG_BANNER = `HTTP/1.1 200 OK\r\nSet-Cookie: session=${'a9'.repeat(10 * 1024)}\r\n\r\n`;
const hostileHostPort = {
  '@odata.type': '#microsoft.graph.security.hostPort',
  id: HOSTILE_ID,
  port: HOSTILE_PORT,
  status: 'open',
  protocol: 'tcp',
  firstSeenDateTime: '2022-02-02T02:02:02.00Z',
  lastSeenDateTime: '2025-01-01T00:00:00.00Z',
  lastScanDateTime: '2025-01-01T00:10:00.00Z',
  timesObserved: 55,
  banners: [
    { banner: IMG_BANNER, scanProtocol: 'http_raw', firstSeenDateTime: '2024-01-01T00:00:00Z', lastSeenDateTime: '2024-06-01T00:00:00Z', timesObserved: 3 },
    { banner: SCRIPT_BANNER, scanProtocol: 'telnet', firstSeenDateTime: '2024-02-01T00:00:00Z', lastSeenDateTime: '2025-01-01T00:00:00Z', timesObserved: 40 },
    { banner: LONG_BANNER, scanProtocol: 'http_raw', firstSeenDateTime: '2022-03-01T00:00:00Z', lastSeenDateTime: '2023-01-01T00:00:00Z', timesObserved: 12 },
  ],
  services: [
    {
      firstSeenDateTime: '2024-01-01T00:00:00Z',
      lastSeenDateTime: '2025-01-01T00:00:00Z',
      isRecent: true,
      component: { id: 'c1', name: '<img src=x onerror=window.__pwned=1>', version: '"><script>window.__pwned=1</script>', category: 'Server' },
    },
  ],
  mostRecentSslCertificate: null,
  host: { '@odata.type': '#microsoft.graph.security.ipAddress', id: HOSTILE_HOST, countryOrRegion: '<b onmouseover=window.__pwned=1>NL</b>' },
};

// A banner of several megabytes: only what is shown may be rendered.
const HUGE_ID = 'e2e-huge-banner-0001';
const HUGE_HOST = '192.0.2.202';
const HUGE_PORT = 8082;
const HUGE_BANNER = `${'0123456789ABCDEF'.repeat(6).concat('\r\n').repeat(32 * 1024)}`; // 98 chars × 32768 ≈ 3.2 MB
const hugeHostPort = {
  id: HUGE_ID,
  port: HUGE_PORT,
  status: 'open',
  protocol: 'tcp',
  timesObserved: 1,
  banners: [{ banner: HUGE_BANNER, scanProtocol: 'telnet', firstSeenDateTime: '2024-01-01T00:00:00Z', lastSeenDateTime: '2024-01-02T00:00:00Z', timesObserved: 1 }],
  services: [],
  host: { id: HUGE_HOST },
};

test.describe('through a local Graph-shaped server', () => {
  const stand = useGraphPreview(() => {
    const demo = demoDataset();
    return { hostPorts: { ...demo.hostPorts, [HOSTILE_ID]: hostileHostPort, [HUGE_ID]: hugeHostPort }, ports: demo.ports ?? {} };
  }, { name: 'graph' });

  test('85.13.139.18 port 21 shows the seed response', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(stand.url);
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
    await lookUp(page, '85.13.139.18', 21);

    const overview = page.getByTestId('overview');
    await expect(overview.getByTestId('status')).toHaveText('open');
    await expect(overview.getByTestId('protocol')).toHaveText('tcp');
    // The month-17 date is shown exactly as received and marked, never hidden or "fixed".
    await expect(overview.getByTestId('first-seen')).toContainText('2016-17-13T08:43:41.00Z');
    await expect(overview.getByTestId('first-seen')).toContainText('invalid date');
    await expect(overview.getByTestId('last-seen')).toContainText('2023-08-09 23:18:21 UTC');
    await expect(overview.getByTestId('last-seen')).toContainText(/ago/);

    const banner = page.locator('#section-banners').getByTestId('banner-text').first();
    await expect(banner).toContainText('220 FTP on dd44024.kasserver.com ready␍␊');
    await expect(page.locator('#section-banners')).toContainText('telnet');
    await expect(page.locator('#section-banners')).toContainText('274');

    const remote = page.getByRole('group', { name: /Remote Access/ });
    await expect(remote).toContainText('OpenSSH');
    await expect(remote).toContainText('8.2p1');
    await expect(remote).toContainText('recent');

    await expect(page.getByTestId('resolved-from')).toHaveText('85.13.139.18:21');
    await expect(page.getByTestId('request-url')).toContainText('/security/threatIntelligence/hostPorts/');
    await expect(page.getByTestId('raw-json')).toContainText('"2016-17-13T08:43:41.00Z"');

    // Copy gives the original banner, not the visible rendering.
    await page.getByRole('button', { name: 'Copy banner 1' }).click();
    await expect(page.getByRole('button', { name: 'Copy banner 1' })).toHaveText('Copied');
    const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    expect(copied).toBe('220 FTP on dd44024.kasserver.com ready\r\n');

    // The preview used the static token against our server.
    expect(stand.graph.requests.some((r) => r.headers.authorization === 'Bearer e2e-static-token')).toBe(true);
    await shot(page, 'seed-detail');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'seed-detail-dark');
  });

  test('a slow lookup shows its loading state and can be cancelled', async ({ page }) => {
    // One delayed answer (times: 1); clearFaults would also drop the server's built-in error scenarios.
    stand.graph.setFault('/hosts/203.0.113.10/', { kind: 'delay', ms: 20_000 }, 1);
    {
      await page.goto(stand.url);
      await lookUp(page, '203.0.113.10', 443);
      await expect(page.getByTestId('loading')).toContainText('Looking up 203.0.113.10:443');
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(1);
      await expect(page.getByRole('button', { name: 'Look up' })).toBeDisabled();
      await shot(page, 'loading');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByText('Lookup cancelled.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
      await expect(page.getByTestId('empty-state')).toBeVisible();
    }
  });

  test('an unknown host:port says it was never observed', async ({ page }) => {
    await page.goto(stand.url);
    await lookUp(page, '203.0.113.250', 9999);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/never (been )?observed/i);
    await expect(alert).toContainText('notFound');
    await shot(page, 'error-not-found');
  });

  test('a licence-style 500 says a missing Defender TI API licence is a likely cause', async ({ page }) => {
    await page.goto(stand.url);
    await lookUp(page, SCENARIO_HOSTS.licenceGeneralException, 443);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/licen[cs]e/i);
    await expect(alert).toContainText(/likely cause/i);
    await expect(alert).toContainText('500');
    await expect(alert.getByTestId('request-id')).not.toBeEmpty();
    await shot(page, 'error-licence');
  });

  test('hostile banners are shown as text and run nothing', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(stand.url);
    await lookUp(page, HOSTILE_HOST, HOSTILE_PORT);
    const cells = page.getByTestId('banner-cell');
    await expect(cells).toHaveCount(3);
    await expect(page.locator('#section-banners')).toContainText('<img src=x onerror=window.__pwned=1>');
    await expect(page.locator('#section-banners')).toContainText('<script>window.__pwned=1</script>');
    // Control characters and the bidi override are visible escapes, not live characters.
    await expect(page.locator('#section-banners')).toContainText('\\x1b[31mRED\\x1b[0m');
    await expect(page.locator('#section-banners')).toContainText('\\u202Egnp.exe\\0');
    await expect(page.locator('#section-banners')).not.toContainText('\u202E');
    await expect(page.locator('#section-services')).toContainText('<img src=x onerror=window.__pwned=1>');
    await expect(page.locator('#section-host')).toContainText('<b onmouseover=window.__pwned=1>NL</b>');

    await expect(page.locator('[data-testid="banner-cell"] img')).toHaveCount(0);
    await expect(page.locator('[data-testid="banner-cell"] script')).toHaveCount(0);
    await expect(page.locator('main img, main script, main b')).toHaveCount(0);
    await page.locator('#section-host').hover();
    expect(await pwned(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await shot(page, 'detail-hostile');
  });

  test('a 20 KB banner folds and expands', async ({ page }) => {
    await page.goto(stand.url);
    await lookUp(page, HOSTILE_HOST, HOSTILE_PORT);
    const longCell = page.getByTestId('banner-cell').filter({ hasText: 'Set-Cookie: session=' });
    const text = longCell.getByTestId('banner-text');
    const n = LONG_BANNER.length.toLocaleString('en-US');
    const expand = longCell.getByRole('button', { name: `Show all ${n} characters` });
    await expect(expand).toBeVisible();
    const foldedLength = (await text.textContent())?.length ?? 0;
    expect(foldedLength).toBeLessThan(1000);
    await expand.click();
    await expect(longCell.getByRole('button', { name: 'Show less' })).toBeVisible();
    const fullLength = (await text.textContent())?.length ?? 0;
    expect(fullLength).toBeGreaterThan(LONG_BANNER.length); // every character, plus the visible ␍␊ marks
    await expect(text).toContainText('a9a9a9\r'.replace('\r', '␍'));
    await longCell.getByRole('button', { name: 'Show less' }).click();
    await expect(expand).toBeVisible();
  });

  test('banner columns sort, with aria-sort set', async ({ page }) => {
    await page.goto(stand.url);
    await lookUp(page, HOSTILE_HOST, HOSTILE_PORT);
    const firstBanners = async () => (await table.getByTestId('banner-text').allTextContents()).map((t) => t.slice(0, 12));
    const table = page.getByRole('grid', { name: /^Banners/ });
    const lastSeen = table.getByRole('columnheader', { name: 'Last seen' });
    const times = table.getByRole('columnheader', { name: 'Times observed' });

    await expect(lastSeen).toHaveAttribute('aria-sort', 'descending');
    expect(await firstBanners()).toEqual(['<script>wind', '<img src=x o', 'HTTP/1.1 200']);

    await times.getByRole('button').click();
    await expect(times).toHaveAttribute('aria-sort', 'descending');
    await expect(lastSeen).toHaveAttribute('aria-sort', 'none');
    expect(await firstBanners()).toEqual(['<script>wind', 'HTTP/1.1 200', '<img src=x o']);

    await times.getByRole('button').press('Enter');
    await expect(times).toHaveAttribute('aria-sort', 'ascending');
    expect(await firstBanners()).toEqual(['<img src=x o', 'HTTP/1.1 200', '<script>wind']);

    await table.getByRole('columnheader', { name: 'Banner' }).getByRole('button').click();
    await expect(table.getByRole('columnheader', { name: 'Banner' })).toHaveAttribute('aria-sort', 'ascending');
    expect(await firstBanners()).toEqual(['<img src=x o', '<script>wind', 'HTTP/1.1 200']);
  });

  test('a banner of several megabytes renders only what is shown and stays responsive', async ({ page }) => {
    await page.goto(stand.url);
    const started = Date.now();
    await lookUp(page, HUGE_HOST, HUGE_PORT);
    const cell = page.getByTestId('banner-cell');
    await expect(cell.getByTestId('banner-text')).toContainText('0123456789ABCDEF');
    expect(Date.now() - started).toBeLessThan(15_000);
    const shownFolded = (await cell.getByTestId('banner-text').textContent())?.length ?? 0;
    expect(shownFolded).toBeLessThan(1500);

    await cell.getByRole('button', { name: 'Show next 100,000 characters' }).click();
    const shownExpanded = (await cell.getByTestId('banner-text').textContent())?.length ?? 0;
    expect(shownExpanded).toBeGreaterThan(100_000);
    expect(shownExpanded).toBeLessThan(200_000);
    await expect(cell).toContainText(`of ${HUGE_BANNER.length.toLocaleString('en-US')} characters shown`);
    // The page still answers promptly.
    const t0 = Date.now();
    await page.evaluate(() => 1 + 1);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
