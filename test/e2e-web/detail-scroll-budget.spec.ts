// Scrolling a table of 10,000 banners to its end, in steps, as an analyst does it (the scrollbar dragged a long way,
// the wheel, then End), while a Chromium trace records every renderer task: none may cost more than CPU_BUDGET_MS
// of CPU time. Asserted on CPU time, never wall time (see bulk-large.spec.ts): a loaded, shared machine stretches
// the wall time of the same work several-fold, the CPU time much less.
//
// Each step waits for frames and for the page to go idle, so the table's deferred work (the rows beyond the edges
// of the viewport, added when idle) runs inside the trace too. Measured on the shared 2-core machine: the table
// before it added that margin a step at a time (and while its rows held about twice the nodes) had a heaviest
// task of 42-50 ms of CPU in three runs, and fails, though on a quiet machine by a few ms only; after, 30-34 ms.
import { expect, test, type Page } from '@playwright/test';
import { lookUp, shot } from '../support/e2e-page';
import { useGraphPreview } from '../support/graph-preview';
import { rendererTasks, TASK_CATEGORIES } from '../support/renderer-tasks';

const N = 10_000;
const HOST = '198.51.100.91';
const PORT = 443;
const ID = 'e2e-scroll-budget';
/** CPU time one renderer task may take while the table scrolls. */
const CPU_BUDGET_MS = 40;
/** Long jumps (a dragged scrollbar) from the top to the end. */
const JUMPS = 24;

/** Realistic, varied banners: HTTP responses with a full set of headers (folded after 8 lines), SSH and SMTP greetings, long ones, and hostile ones. */
function body(): Record<string, unknown> {
  const day = (i: number) => new Date(Date.UTC(2021, 0, 1) + (i % 900) * 86_400_000).toISOString();
  const banners = Array.from({ length: N }, (_, i) => {
    const kind = i % 5;
    const banner =
      i === N - 1
        ? 'HTTP/1.1 200 OK\r\nServer: the-very-last-banner\r\n\r\n'
        : kind === 0
          ? `HTTP/1.1 200 OK\r\nX-Row: r${i}\r\nServer: nginx/1.${i % 30}\r\nDate: ${day(i)}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${(i * 37) % 90_000}\r\nConnection: keep-alive\r\nCache-Control: no-cache\r\nX-Frame-Options: SAMEORIGIN\r\nStrict-Transport-Security: max-age=31536000\r\n\r\n`
          : kind === 1
            ? `SSH-2.0-OpenSSH_8.${i % 10}p1 Ubuntu-${i % 5}ubuntu0.${i % 3}\r\n`
            : kind === 2
              ? `220 mail${i}.example.net ESMTP Postfix (Debian/GNU)\r\n`
              : kind === 3
                ? `HTTP/1.1 301 Moved\r\nLocation: https://site${i}.example/\r\n${'X-Pad: '.concat('a'.repeat(120), '\r\n').repeat(8)}\r\n`
                : `\u001b[31mred ${i}\u001b[0m \u202Egnp.exe\u202C <img src=x onerror="window.__pwned=${i}">\r\n`;
    // Row i observed N - i times: sorted by "Times observed" descending, the table is in index order.
    return { banner, scanProtocol: i % 3 === 0 ? 'http_raw' : 'telnet', firstSeenDateTime: day(i), lastSeenDateTime: day(i + 30), timesObserved: N - i };
  });
  return { id: ID, port: PORT, protocol: 'tcp', status: 'open', banners, services: [], host: { id: HOST } };
}

const stand = useGraphPreview(
  {
    hostPorts: { [ID]: body() },
    ports: { [HOST]: [{ id: ID, port: PORT, protocol: 'tcp', status: 'open', lastSeenDateTime: '2024-01-01T00:00:00Z' }] },
    scenarios: false,
  },
  { name: 'scroll-budget' },
);

/**
 * Resolves once an idle callback finds a long idle period twice in a row: nothing the page deferred is waiting
 * any more (or after 60 idle callbacks, whatever they found). In the page as a string: the test tsconfig has no
 * DOM library.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    let quiet = 0;
    let calls = 0;
    const check = (deadline) => {
      quiet = deadline.timeRemaining() >= 40 ? quiet + 1 : 0;
      if (quiet >= 2 || ++calls >= 60) resolve(undefined);
      else requestIdleCallback(check);
    };
    requestIdleCallback(check);
  })`);
}

/** Two animation frames: the scroll has been handled and the frame after it painted. */
async function frames(page: Page): Promise<void> {
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))');
}

test('scrolling 10,000 banners to the end: no renderer task over the CPU budget', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(stand.url);
  await lookUp(page, HOST, PORT);
  const grid = page.getByRole('grid', { name: /^Banners/ });
  await expect(grid.locator('tbody tr[data-row]').first()).toBeVisible({ timeout: 90_000 });
  await expect(grid).toHaveAttribute('aria-rowcount', String(N + 1));
  await grid.getByRole('columnheader', { name: 'Times observed' }).getByRole('button').click();
  await expect(grid.locator('tbody tr[data-row="0"]')).toContainText('X-Row: r0');
  const scroller = page.locator('#section-banners [data-scroll]');
  await scroller.hover();
  await settled(page);

  await browser.startTracing(page, { categories: TASK_CATEGORIES });
  for (let step = 1; step <= JUMPS; step++) {
    // A dragged scrollbar: a long jump, then the wheel a little further, each waited for (frames, then idle).
    await scroller.evaluate((el, { step, of }) => (el.scrollTop = Math.round(((el.scrollHeight - el.clientHeight) * step) / (of + 1))), { step, of: JUMPS });
    await frames(page);
    await settled(page);
    await page.mouse.wheel(0, 400);
    await frames(page);
    await settled(page);
  }
  // The rest of the way by keyboard: End from a focused row, then a page back up.
  await grid.locator('tbody tr[data-row]').first().focus();
  await page.keyboard.press('End');
  const last = grid.locator(`tbody tr[aria-rowindex="${N + 1}"]`);
  await expect(last).toBeFocused();
  await frames(page);
  await settled(page);
  await page.keyboard.press('PageUp');
  await frames(page);
  await settled(page);
  const traced = rendererTasks(await browser.stopTracing());

  await expect(last).toContainText('the-very-last-banner');
  // Hostile banners scrolled past on the way were text, never markup.
  await expect(grid.locator('tbody img')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await shot(page, 'banners-10000-scrolled-to-end', { fullPage: false });

  const heavy = [...traced].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 6);
  const report = { banners: N, tasks: traced.length, longestWallMs: Math.max(0, ...traced.map((t) => t.wallMs)), heaviestByCpu: heavy };
  testInfo.annotations.push({ type: 'heaviest scroll task (ms CPU)', description: String(heavy[0]?.cpuMs ?? 0) });
  process.stdout.write(`SCROLL_TASKS=${JSON.stringify(report)}\n`);
  expect(traced.length, 'the trace holds the renderer main thread').toBeGreaterThan(JUMPS);
  expect(traced.filter((t) => t.cpuMs > CPU_BUDGET_MS), `renderer tasks over ${CPU_BUDGET_MS} ms of CPU while scrolling`).toEqual([]);
});
