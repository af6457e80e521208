// Saved history in real Chromium through the web preview: lookups are saved and listed, compared, searched,
// annotated, deleted and restored, exported and imported into an empty user-data folder, and reviewed after a
// restart with Graph unreachable. The tests run in order and share one Graph-shaped server and user-data folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startGraphServer, type GraphServer } from '../support/graph-server';
import { closedPortUrl, lookUpFromNav, openHistory, savedRows, shot } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';

const TOKEN = { PORTOLAN_GRAPH_TOKEN: 'e2e-history-token' };

// ---- Graph data: three host ports; A changes between lookups so the comparison has something to show ----
const A = { id: 'e2e-history-web-0001', host: '203.0.113.61', port: 443 };
const B = { id: 'e2e-history-ssh-0002', host: '203.0.113.62', port: 22 };
const C = { id: 'e2e-history-dns-0003', host: '198.51.100.63', port: 53 };

const banner = (text: string, scanProtocol: string, times: number) => ({
  banner: text,
  scanProtocol,
  firstSeenDateTime: '2024-01-01T00:00:00Z',
  lastSeenDateTime: '2025-01-01T00:00:00Z',
  timesObserved: times,
});
const service = (name: string, version: string, category: string) => ({
  firstSeenDateTime: '2024-01-01T00:00:00Z',
  lastSeenDateTime: '2025-01-01T00:00:00Z',
  isRecent: true,
  component: { id: `${name}-${version}`, name, version, category },
});
const certificate = (cn: string, sha1: string) => ({
  id: `cert-${sha1.slice(0, 8)}`,
  sha1,
  fingerprint: sha1,
  serialNumber: '01:02:03',
  issueDateTime: '2024-11-01T00:00:00Z',
  expirationDateTime: '2025-11-01T00:00:00Z',
  firstSeenDateTime: '2024-11-02T00:00:00Z',
  lastSeenDateTime: '2025-01-01T00:00:00Z',
  subject: { commonName: cn, alternateNames: [cn] },
  issuer: { commonName: 'E2E Test CA' },
});
const hostPort = (t: typeof A, status: string, protocol: string, banners: unknown[], services: unknown[], cert: unknown, times: number) => ({
  '@odata.type': '#microsoft.graph.security.hostPort',
  id: t.id,
  port: t.port,
  status,
  protocol,
  firstSeenDateTime: '2023-03-03T03:03:03Z',
  lastSeenDateTime: '2025-01-01T00:00:00Z',
  lastScanDateTime: '2025-01-01T00:05:00Z',
  timesObserved: times,
  banners,
  services,
  mostRecentSslCertificate: cert,
  host: { '@odata.type': '#microsoft.graph.security.ipAddress', id: t.host },
});

const A_BEFORE = hostPort(
  A,
  'open',
  'tcp',
  [banner('HTTP/1.1 200 OK\r\nServer: nginx/1.18.0\r\n\r\n', 'https', 40)],
  [service('nginx', '1.18.0', 'Server')],
  certificate('shop.example.test', '1111111111111111111111111111111111111111'),
  40,
);
const HOSTILE_BANNER = '<img src=x onerror=window.__pwned=1>\r\nX-Added: yes';
const A_AFTER = hostPort(
  A,
  'open',
  'tcp',
  [banner('HTTP/1.1 200 OK\r\nServer: nginx/1.18.0\r\n\r\n', 'https', 41), banner(HOSTILE_BANNER, 'http_raw', 1)],
  [service('nginx', '1.25.3', 'Server')],
  certificate('shop.example.test', '2222222222222222222222222222222222222222'),
  42,
);
const B_DATA = hostPort(B, 'open', 'tcp', [banner('SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n', 'ssh', 9)], [service('OpenSSH', '8.2p1', 'Remote Access')], null, 9);
const C_DATA = hostPort(C, 'filtered', 'udp', [banner('dnsmasq-2.80', 'dns', 3)], [service('dnsmasq', '2.80', 'DNS Server')], null, 3);

const hostPorts: Record<string, unknown> = { [A.id]: A_BEFORE, [B.id]: B_DATA, [C.id]: C_DATA };

// ---- helpers ----
const label = (t: typeof A): string => `${t.host}:${t.port}`;


const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const row = (page: Page, t: typeof A): Locator => savedRows(page).filter({ hasText: label(t) });




type Pwned = { __pwned?: unknown };

test.describe.serial('saved history', () => {
  let graph: GraphServer;
  let preview: RunningPreview | undefined;
  let userData: string;
  const extraDirs: string[] = [];
  let exported = '';

  const start = async (dir: string, graphUrl: string): Promise<RunningPreview> => {
    await preview?.stop();
    preview = await startPreview({ args: ['--port', '0', '--user-data', dir, '--graph-base-url', graphUrl], env: TOKEN });
    return preview;
  };

  test.beforeAll(async () => {
    graph = await startGraphServer({ hostPorts, scenarios: false });
    userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-history-'));
    await start(userData, graph.url);
  });
  test.afterAll(async () => {
    await preview?.stop();
    await graph?.close();
    for (const dir of [userData, ...extraDirs]) rmSync(dir, { recursive: true, force: true });
  });

  test('lookups are saved and listed newest first with snapshot counts', async ({ page }) => {
    await page.goto(preview!.url);
    await openHistory(page);
    await expect(page.getByTestId('history-empty')).toContainText('No saved lookups yet');

    for (const t of [A, B, A, C]) await lookUpFromNav(page, t);
    await openHistory(page);
    await expect(savedRows(page)).toHaveCount(3);
    // Newest first: C was looked up last, then A (twice), then B.
    await expect(savedRows(page).nth(0)).toContainText(label(C));
    await expect(savedRows(page).nth(1)).toContainText(label(A));
    await expect(savedRows(page).nth(2)).toContainText(label(B));
    await expect(row(page, A).getByTestId('snapshot-count')).toHaveText('2');
    await expect(row(page, B).getByTestId('snapshot-count')).toHaveText('1');
    await expect(row(page, C)).toContainText('filtered');
    await expect(row(page, C)).toContainText('udp');
    await expect(row(page, A)).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    await expect(page.getByTestId('history-count')).toHaveText('Showing 3 of 3 saved host ports');
    await shot(page, 'history-list');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'history-list-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('Refresh saves a new snapshot and Compare shows what changed', async ({ page }) => {
    await page.goto(preview!.url);
    await openHistory(page);
    await row(page, A).click();
    await expect(page.getByTestId('saved-marker')).toContainText(/Saved \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC \(.+\)/);
    await expect(page.getByTestId('snapshot-row')).toHaveCount(2);

    // The two lookups so far saw identical data: the comparison says so.
    await page.getByRole('checkbox', { name: /Pick snapshot 1 of 2/ }).check();
    await page.getByRole('checkbox', { name: /Pick snapshot 2 of 2/ }).check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByTestId('no-changes')).toContainText('No changes');
    await page.getByRole('button', { name: 'Close comparison' }).click();

    // Graph's data changes: a banner appears, nginx is upgraded, the certificate is replaced.
    hostPorts[A.id] = A_AFTER;
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(page.getByTestId('snapshot-row')).toHaveCount(3);
    await expect(page.locator('#section-banners')).toContainText('X-Added: yes');
    await expect(page.getByTestId('saved-marker')).toContainText('latest snapshot');

    await page.getByRole('checkbox', { name: /Pick snapshot 3 of 3/ }).check();
    await page.getByRole('checkbox', { name: /Pick snapshot 2 of 3/ }).check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const cmp = page.getByTestId('comparison');
    await expect(cmp.getByRole('list', { name: 'Banner changes' }).locator('.added')).toContainText('<img src=x onerror=window.__pwned=1>');
    await expect(cmp.getByRole('list', { name: 'Banner changes' }).locator('.changed')).toContainText('times observed 40 → 41');
    const services = cmp.getByRole('list', { name: 'Service changes' });
    await expect(services).toContainText('New version');
    await expect(services).toContainText('1.18.0');
    await expect(services).toContainText('1.25.3');
    await expect(cmp.getByRole('list', { name: 'Certificate change' })).toContainText('SHA-1 2222222222222222222222222222222222222222');
    await expect(cmp.getByRole('table')).toContainText('Banners');
    await expect(cmp.getByRole('table')).toContainText('Times observed');
    // Attacker-controlled text stays text.
    await expect(cmp.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (globalThis as unknown as Pwned).__pwned)).toBeUndefined();
    await shot(page, 'history-compare');

    await page.getByRole('button', { name: /All saved host ports/ }).click();
    await expect(row(page, A).getByTestId('snapshot-count')).toHaveText('3');
  });

  test('search and filters narrow the list; the keyboard moves through rows and opens one', async ({ page }) => {
    await page.goto(preview!.url);
    await openHistory(page);
    await expect(savedRows(page)).toHaveCount(3);

    const search = page.getByLabel('Search history');
    await search.fill('openssh');
    await expect(savedRows(page)).toHaveCount(1);
    await expect(savedRows(page).first()).toContainText(label(B));
    await search.fill('X-Added');
    await expect(savedRows(page)).toHaveCount(1);
    await expect(savedRows(page).first()).toContainText(label(A));
    await search.fill('shop.example.test');
    await expect(savedRows(page)).toHaveCount(1);
    await search.fill('no-such-thing-anywhere');
    await expect(page.getByTestId('history-empty')).toContainText('Nothing matches');
    await search.fill('');
    await expect(savedRows(page)).toHaveCount(3);

    await page.getByLabel('Protocol').selectOption('udp');
    await expect(savedRows(page)).toHaveCount(1);
    await expect(savedRows(page).first()).toContainText(label(C));
    await page.getByLabel('Protocol').selectOption('');
    await page.getByLabel('Status').selectOption('open');
    await expect(savedRows(page)).toHaveCount(2);
    await page.getByLabel('Port', { exact: true }).fill('22');
    await expect(savedRows(page)).toHaveCount(1);
    await expect(savedRows(page).first()).toContainText(label(B));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(savedRows(page)).toHaveCount(3);
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('Saved from').fill('2000-01-01');
    await page.getByLabel('Saved to').fill('2000-12-31');
    await expect(page.getByTestId('history-empty')).toBeVisible();
    await page.getByLabel('Saved to').fill(today);
    await expect(savedRows(page)).toHaveCount(3);
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Roving focus: one row is in the tab order, the arrows move, Enter opens. A's Refresh made it the newest.
    await expect(savedRows(page).nth(0)).toContainText(label(A));
    await expect(savedRows(page).nth(1)).toContainText(label(C));
    await savedRows(page).first().focus();
    await expect(savedRows(page).first()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(savedRows(page).nth(1)).toBeFocused();
    await expect(savedRows(page).nth(1)).toHaveAttribute('tabindex', '0');
    await expect(savedRows(page).first()).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(savedRows(page).nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('saved-marker')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(label(C));
    // Back returns focus to the row that was opened.
    await page.getByRole('button', { name: /All saved host ports/ }).click();
    await expect(savedRows(page).nth(1)).toBeFocused();
  });

  test('notes, tags and pin persist across a reload; delete and Undo restore', async ({ page }) => {
    await page.goto(preview!.url);
    await openHistory(page);
    await row(page, B).click();
    const note = page.getByLabel('Note', { exact: true });
    await note.fill('Jump host for the finance VLAN, ticket SEC-1234');
    await note.blur();
    await expect(page.getByText('Note saved')).toBeVisible();
    await page.getByLabel('New tag').fill('incident-42, vpn');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('button', { name: 'Remove tag vpn' })).toBeVisible();
    await page.getByRole('button', { name: 'Remove tag vpn' }).click();
    await expect(page.getByRole('button', { name: 'Remove tag vpn' })).toHaveCount(0);
    await page.getByRole('button', { name: /^(Pin|Pinned)$/ }).click();
    await expect(page.getByRole('button', { name: 'Pinned' })).toHaveAttribute('aria-pressed', 'true');

    await page.reload();
    await openHistory(page);
    // Pinned first, with its tag; note and tags are searchable.
    await expect(savedRows(page).first()).toContainText(label(B));
    await expect(savedRows(page).first()).toContainText('incident-42');
    await expect(savedRows(page).first()).toHaveAccessibleName(/, pinned/);
    await page.getByLabel('Search history').fill('SEC-1234');
    await expect(savedRows(page)).toHaveCount(1);
    await page.getByLabel('Search history').fill('');
    await page.getByLabel('Tag', { exact: true }).fill('incident-42');
    await expect(savedRows(page)).toHaveCount(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await savedRows(page).first().click();
    await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Jump host for the finance VLAN, ticket SEC-1234');
    await expect(page.getByRole('button', { name: 'Remove tag incident-42' })).toBeVisible();

    // Delete the whole host port, then undo: it comes back with its note and tags.
    await page.getByRole('button', { name: 'Delete host port' }).click();
    const toast = page.getByRole('status').filter({ has: page.getByTestId('history-toast') });
    await expect(toast).toContainText('Deleted the host port and its 1 snapshot.');
    await expect(savedRows(page)).toHaveCount(2);
    await expect(row(page, B)).toHaveCount(0);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(toast).toContainText('Restored 1 snapshot.');
    await expect(savedRows(page)).toHaveCount(3);
    await expect(savedRows(page).first()).toContainText('incident-42');

    // Delete one snapshot of A, then undo.
    await row(page, A).click();
    await expect(page.getByTestId('snapshot-row')).toHaveCount(3);
    await page.getByRole('button', { name: /Delete snapshot 1 of 3/ }).click();
    await expect(page.getByTestId('snapshot-row')).toHaveCount(2);
    await expect(toast).toContainText('Deleted 1 snapshot.');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('snapshot-row')).toHaveCount(3);

    // And the restore survives a reload.
    await page.reload();
    await openHistory(page);
    await expect(row(page, A).getByTestId('snapshot-count')).toHaveText('3');
    await expect(row(page, B)).toContainText('incident-42');
  });

  test('export JSON, then import into an empty user-data folder restores the same history', async ({ page }) => {
    await page.goto(preview!.url);
    await openHistory(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^portolan-history-\d{4}-\d{2}-\d{2}\.json$/);
    exported = readFileSync((await download.path())!, 'utf8');
    const file = JSON.parse(exported) as { hostPorts: { meta: { hostPortId: string }; snapshots: unknown[] }[] };
    expect(file.hostPorts.map((h) => [h.meta.hostPortId, h.snapshots.length]).sort()).toEqual(
      [
        [A.id, 3],
        [B.id, 1],
        [C.id, 1],
      ].sort(),
    );
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(readFileSync((await csv.path())!, 'utf8')).toContain('OpenSSH');

    const fresh = mkdtempSync(join(tmpdir(), 'portolan-e2e-history-import-'));
    extraDirs.push(fresh);
    await start(fresh, graph.url);
    await page.goto(preview!.url);
    await openHistory(page);
    await expect(page.getByTestId('history-empty')).toBeVisible();
    await page.getByLabel('Import history file').setInputFiles({ name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 5 snapshots, skipped 0 already in the history.');
    await expect(savedRows(page)).toHaveCount(3);
    await expect(row(page, A).getByTestId('snapshot-count')).toHaveText('3');
    await expect(row(page, B).getByTestId('snapshot-count')).toHaveText('1');
    await expect(row(page, C).getByTestId('snapshot-count')).toHaveText('1');
    await expect(savedRows(page).first()).toContainText(label(B)); // the pin came along
    await expect(row(page, B)).toContainText('incident-42');

    // Importing the same file again adds nothing.
    await page.getByLabel('Import history file').setInputFiles({ name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 0 snapshots, skipped 5 already in the history.');
    await expect(row(page, A).getByTestId('snapshot-count')).toHaveText('3');
  });

  test('a malformed or foreign import file is rejected with a clear message and changes nothing', async ({ page }) => {
    await page.goto(preview!.url);
    await openHistory(page);
    await expect(savedRows(page)).toHaveCount(3);
    const input = page.getByLabel('Import history file');

    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(exported.slice(0, 200)) });
    await expect(page.getByRole('alert')).toContainText('not valid JSON');
    await expect(page.getByRole('alert')).toContainText('Nothing was imported');

    await input.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"someone-else","items":[]}') });
    await expect(page.getByRole('alert')).toContainText('not a Portolan history export');

    const damaged = JSON.parse(exported) as { hostPorts: { snapshots: { savedAt?: unknown }[] }[] };
    damaged.hostPorts[0]!.snapshots[0]!.savedAt = 12;
    // All or nothing: the malformed record is named by its position and nothing is imported.
    await page.getByLabel('All or nothing').check();
    await input.setInputFiles({ name: 'damaged.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(damaged)) });
    await expect(page.getByRole('alert')).toContainText('Nothing was imported: 1 malformed record found (line 1, hostPorts[0].snapshots[0]: savedAt');
    await shot(page, 'history-import-error');
    // Otherwise the rest of the file still imports (here: all of it is already held) and the refusal is reported.
    await page.getByLabel('All or nothing').uncheck();
    await input.setInputFiles({ name: 'damaged.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(damaged)) });
    await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
      /^Imported 0 snapshots, skipped 4 already in the history\. Refused 1 malformed record \(line 1, hostPorts\[0\]\.snapshots\[0\]: savedAt/,
    );

    await expect(savedRows(page)).toHaveCount(3);
    await expect(row(page, A).getByTestId('snapshot-count')).toHaveText('3');
    await page.reload();
    await openHistory(page);
    await expect(savedRows(page)).toHaveCount(3);
  });

  test('a long history pages with Load more; Clear history deletes everything only after confirming', async ({ page }) => {
    // 60 more host ports, made from an exported snapshot with new ids: more than one page of the list.
    type Snap = { id: string; hostPortId: string; host: string | null; port: number | null; savedAt: string; hostPort: { id: string; port: number | null } };
    const file = JSON.parse(exported) as { hostPorts: { meta: { hostPortId: string; note: string; tags: string[]; pinned: boolean }; snapshots: Snap[] }[] };
    const template = file.hostPorts.find((h) => h.meta.hostPortId === C.id)!.snapshots[0]!;
    file.hostPorts = Array.from({ length: 60 }, (_, i) => {
      const hostPortId = `e2e-bulk-${i}`;
      const snap: Snap = {
        ...template,
        id: `bulk-snapshot-${i}`,
        hostPortId,
        host: `192.0.2.${i + 1}`,
        port: 8000 + i,
        savedAt: new Date(Date.parse('2024-06-01T00:00:00Z') + i * 60_000).toISOString(),
        hostPort: { ...template.hostPort, id: hostPortId, port: 8000 + i },
      };
      return { meta: { hostPortId, note: '', tags: [], pinned: false }, snapshots: [snap] };
    });
    await page.goto(preview!.url);
    await openHistory(page);
    await page.getByLabel('Import history file').setInputFiles({ name: 'bulk.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 60 snapshots, skipped 0 already in the history.');
    await expect(savedRows(page)).toHaveCount(50);
    await expect(page.getByTestId('history-count')).toHaveText('Showing 50 of 63 saved host ports');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(savedRows(page)).toHaveCount(63);
    await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
    // The oldest imported one sorts last.
    await expect(savedRows(page).last()).toContainText('192.0.2.1:8000');

    await page.getByRole('button', { name: /Clear history/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Clear all history?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(savedRows(page)).toHaveCount(63);
    await page.getByRole('button', { name: /Clear history/ }).click();
    await dialog.getByRole('button', { name: 'Delete all history' }).click();
    await expect(page.getByTestId('history-toast')).toContainText('History cleared: 65 snapshots deleted.');
    await expect(page.getByTestId('history-empty')).toContainText('No saved lookups yet');
    await page.reload();
    await openHistory(page);
    await expect(page.getByTestId('history-empty')).toBeVisible();
  });

  test('after a restart with Graph unreachable the app opens on History and saved details open', async ({ page }) => {
    await start(userData, await closedPortUrl());
    await page.goto(preview!.url);
    await expect(nav(page).getByRole('button', { name: 'History' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
    await expect(savedRows(page)).toHaveCount(3);
    await expect(row(page, A).getByTestId('snapshot-count')).toHaveText('3');

    await row(page, B).click();
    await expect(page.getByTestId('saved-marker')).toContainText(/^\s*Saved \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC \(.+\)/);
    await expect(page.locator('#section-banners').getByTestId('banner-text').first()).toContainText('SSH-2.0-OpenSSH_8.2p1');
    await expect(page.locator('#section-services')).toContainText('OpenSSH');
    await expect(page.locator('#section-services')).toContainText('8.2p1');
    await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toHaveCount(0);
    await expect(page.getByText('offline: saved data only')).toBeVisible();
    await shot(page, 'history-saved-detail');

    // A lookup says it cannot reach Graph and offers the saved snapshot, which opens in History.
    await nav(page).getByRole('button', { name: 'Lookup' }).click();
    await page.getByLabel('Host', { exact: true }).fill(C.host);
    await page.getByLabel('Port', { exact: true }).fill(String(C.port));
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByRole('alert')).toContainText('saved snapshot');
    await page.getByRole('button', { name: /Open the saved snapshot/ }).click();
    await expect(nav(page).getByRole('button', { name: 'History' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('saved-marker')).toContainText('Saved');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(label(C));
    await expect(page.locator('#section-banners')).toContainText('dnsmasq-2.80');
  });
});
