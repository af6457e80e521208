// A 10,000-banner detail: its banners cross the bridge in parts, and at rest the raw JSON (megabytes) is formatted
// only when reached and shown a page at a time, and the 30-second relative-time tick rewrites only the relative
// texts that changed, nothing else in the table. The page's clock is Playwright's fake clock, moved on by hand: no sleeps.
import { expect, test, type Page } from '@playwright/test';
import { lookUp, savedRows, shot } from '../support/e2e-page';
import { oneHostPort, type HostPortBody } from '../support/banner-corpus';
import { useGraphPreview } from '../support/graph-preview';

const N = 10_000;
const HOST = '198.51.100.91';
const PORT = 8443;
const ID = 'e2e-idle-ten-thousand';
/** The page's clock starts here; the newest banner was last seen 20 seconds before. */
const START = Date.UTC(2026, 5, 1, 12, 0, 0);

function body(): HostPortBody {
  const day = (i: number) => new Date(Date.UTC(2021, 0, 1) + (i % 900) * 86_400_000).toISOString();
  const banners = Array.from({ length: N }, (_, i) => ({
    banner: i === N - 1 ? 'SSH-2.0-the-very-last-banner\r\n' : `HTTP/1.1 200 OK\r\nServer: nginx/1.${i % 30}\r\nX-Row: r${i}\r\n\r\n`,
    scanProtocol: 'http_raw',
    firstSeenDateTime: day(i),
    lastSeenDateTime: i === 0 ? new Date(START - 20_000).toISOString() : day(i + 10),
    timesObserved: N - i,
  }));
  return { id: ID, port: PORT, protocol: 'tcp', status: 'open', banners, services: [], host: { id: HOST } };
}

const stand = useGraphPreview(oneHostPort(body()), { name: 'idle' });

/**
 * Resolves when every deferred render is done: the banner rows stop changing from one idle callback to the next
 * (the table adds the rows beyond the viewport a step per idle turn). In the page as a string: the test tsconfig
 * has no DOM library.
 */
async function idle(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    let last = -1;
    let same = 0;
    let calls = 0;
    const check = () => {
      const rows = document.querySelectorAll('#section-banners tbody tr').length;
      same = rows === last ? same + 1 : 0;
      last = rows;
      if (same >= 2 || ++calls >= 60) resolve(undefined);
      else requestIdleCallback(check);
    };
    requestIdleCallback(check);
  })`);
}

async function open(page: Page): Promise<void> {
  await page.clock.install({ time: START });
  await page.goto(stand.url);
  await lookUp(page, HOST, PORT);
  await expect(page.getByRole('grid', { name: /^Banners/ }).locator('tbody tr[data-row]').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#section-raw')).toBeAttached();
  await idle(page);
}

/** The bridge's requests and answers on these channels, as the page sent and received them. */
function watchBridge(page: Page, channels: string[]): { channel: string; answer: Record<string, unknown> }[] {
  const seen: { channel: string; answer: Record<string, unknown> }[] = [];
  page.on('response', async (response) => {
    const channel = (response.request().postDataJSON() as { channel?: string } | null)?.channel;
    if (!response.url().endsWith('/api/invoke') || !channel || !channels.includes(channel)) return;
    seen.push({ channel, answer: ((await response.json()) as { value: Record<string, unknown> }).value });
  });
  return seen;
}

test('raw JSON of a multi-megabyte response: fetched and formatted when reached, one bounded page at a time', async ({ page }) => {
  test.setTimeout(180_000);
  const bridge = watchBridge(page, ['lookup:run', 'lookup:raw']);
  await open(page);
  const section = page.locator('#section-raw');
  // Not fetched nor formatted while the analyst is at the banners: the result came without its body.
  await expect(section).toContainText('formatted when you reach this section');
  await expect(page.getByTestId('raw-json')).toHaveCount(0);
  await expect.poll(() => bridge.map((b) => b.channel)).toEqual(['lookup:run']);
  expect(bridge[0]!.answer).not.toHaveProperty('raw');
  expect(bridge[0]!.answer.rawChars).toBeGreaterThan(1_000_000);

  await section.scrollIntoViewIfNeeded();
  const pre = page.getByTestId('raw-json');
  await expect(pre).toContainText('"banners": [');
  await expect.poll(() => bridge.map((b) => b.channel)).toEqual(['lookup:run', 'lookup:raw']);
  expect((bridge[1]!.answer.raw as string).length).toBe(bridge[0]!.answer.rawChars);
  const status = page.getByTestId('raw-json-page');
  await expect(status).toContainText(/^Page 1 of \d+/);
  const pages = Number((await status.textContent())!.match(/of (\d+)/)![1]);
  expect(pages).toBeGreaterThan(20);
  const bytes = Number((await section.getByText(/ bytes$/).textContent())!.replace(/\D/g, ''));
  expect(bytes).toBeGreaterThan(1_000_000);
  const shown = async () => (await pre.evaluate((el) => el.textContent ?? '')).length;
  expect(await shown()).toBeLessThanOrEqual(100_000);

  await section.getByRole('button', { name: 'Next page' }).click();
  await expect(status).toContainText(`Page 2 of ${pages}`);
  await expect(pre).toContainText('X-Row: r');
  await section.getByRole('button', { name: 'Last page' }).click();
  await expect(status).toContainText(`Page ${pages} of ${pages}`);
  await expect(pre).toContainText(HOST);
  await expect(section.getByRole('button', { name: 'Next page' })).toBeDisabled();
  expect(await shown()).toBeLessThanOrEqual(100_000);
  await shot(page, 'raw-json-paged');

  // As received, the body is one long line: still pages of bounded size, the last one ending the body.
  await section.getByLabel('As received').check();
  await expect(status).toContainText(/^Page 1 of \d+/);
  expect(await shown()).toBeLessThanOrEqual(100_000);
  await section.getByRole('button', { name: 'Last page' }).click();
  await expect(pre).toContainText(`"host":{"id":"${HOST}"}}`);
});

test('an idle 10,000-banner view: the clock tick rewrites only the relative times that changed', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  const grid = page.getByRole('grid', { name: /^Banners/ });
  const newest = grid.locator('tbody tr[data-row="0"]');
  await expect(newest).toContainText('X-Row: r0');
  await expect(newest.locator('.rel').nth(1)).toHaveText('just now');

  // In the page (this file is type-checked without the DOM library, hence the string).
  await page.evaluate(`(() => {
    window.__mutations = [];
    const table = document.querySelector('#section-banners table');
    new MutationObserver((records) => {
      for (const r of records) {
        const target = r.target.nodeType === 3 ? r.target.parentElement : r.target;
        window.__mutations.push(r.type + ' ' + (target?.className ?? '?') + ' ' + (r.type === 'characterData' ? r.target.nodeValue : ''));
      }
    }).observe(table, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
  await page.clock.fastForward(30_000);
  await idle(page);
  const mutations = await page.evaluate(() => (globalThis as unknown as { __mutations: string[] }).__mutations);
  // One text changed ("just now" is now 50 seconds or a minute ago, as the page's own seconds also passed); the
  // rows, cells and every other stamp were left alone.
  expect(mutations).toEqual([expect.stringMatching(/^characterData rel\b.* (\d+ seconds|1 minute) ago$/)]);
  await expect(newest.locator('.rel').nth(1)).toHaveText(/^(\d+ seconds|1 minute) ago$/);
});

test('10,000 banners cross the bridge in parts of 1,000, each its own answer, after a lookup and from History, and the table holds every one', async ({ page }) => {
  test.setTimeout(180_000);
  const bridge = watchBridge(page, ['lookup:run', 'lookup:banners']);
  const asked: number[] = [];
  page.on('request', (request) => {
    const sent = request.postDataJSON() as { channel?: string; payload?: { offset?: number } } | null;
    if (sent?.channel === 'lookup:banners') asked.push(sent.payload?.offset ?? -1);
  });
  await open(page);
  await expect.poll(() => bridge.length).toBe(10);
  const run = bridge[0]!;
  expect(run.channel).toBe('lookup:run');
  expect((run.answer.hostPort as { banners: unknown[] }).banners).toHaveLength(1000);
  expect(run.answer.bannersHeld).toMatchObject({ total: N });
  expect(asked).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
  for (const part of bridge.slice(1)) expect((part.answer.banners as unknown[]).length).toBe(1000);
  const grid = page.getByRole('grid', { name: /^Banners/ });
  await expect(grid).toHaveAttribute('aria-rowcount', String(N + 1));
  // The banner of the last part is there to be found.
  await page.getByLabel('Filter banners').fill('the-very-last-banner');
  await expect(grid.locator('tbody tr[data-row]')).toHaveCount(1);
  await expect(grid.locator('tbody tr[data-row]').first()).toContainText('SSH-2.0-the-very-last-banner');

  // Opened again from History (saved with every banner), it comes in parts the same way.
  const saved = watchBridge(page, ['history:get']);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
  await savedRows(page).filter({ hasText: `${HOST}:${PORT}` }).click();
  await expect.poll(() => saved.length).toBeGreaterThan(0);
  expect((saved[0]!.answer.hostPort as { banners: unknown[] }).banners).toHaveLength(1000);
  expect(saved[0]!.answer.bannersHeld).toMatchObject({ total: N });
  const again = page.getByRole('grid', { name: /^Banners/ });
  await expect(again).toHaveAttribute('aria-rowcount', String(N + 1));
  await expect.poll(() => asked.length).toBe(18);
});
