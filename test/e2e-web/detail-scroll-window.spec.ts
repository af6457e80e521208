// Scrolling a table of 10,000 banners to its end, in steps, as an analyst does it (the scrollbar dragged a long way,
// the wheel, then End): the table stays a window. Every batch of DOM changes is watched, and checked against what
// the viewport shows at that moment: a jump renders only the rows on screen, the margin beyond each edge grows by
// one row per idle turn up to OVERSCAN, and each row stays a small, fixed number of nodes. Those are the
// causes of a heavy scroll task (a dozen rows laid out in one task, rows with twice the nodes), asserted as counts:
// the CPU time of the heaviest task is a figure for `npm run bench:render`, which reports it, not for a test on a
// shared machine.
import { expect, test, type Page } from '@playwright/test';
import { lookUp, shot } from '../support/e2e-page';
import { oneHostPort, variedBanners, type HostPortBody } from '../support/banner-corpus';
import { useGraphPreview } from '../support/graph-preview';
import { OVERSCAN } from '../../src-renderer/lib/virtual/overscan';

const N = 10_000;
const HOST = '198.51.100.91';
const PORT = 443;
const ID = 'e2e-scroll-window';
/**
 * Element nodes one banner row may hold on average (its cells, the folded banner's lines, the escaped-text
 * segments): about 23 today; rows of about twice that made a scroll task too heavy before.
 */
const NODES_PER_ROW = 32;
/**
 * Rows the window may hold beyond those the viewport shows, besides the margin: the one estimated row of slack
 * below the viewport (rows shorter than the estimate make that a few) and rows cut by the viewport's edges.
 */
const SLACK_ROWS = 4;
/** Long jumps (a dragged scrollbar) from the top to the end. */
const JUMPS = 24;

/** Varied banners (see banner-corpus), row i observed N - i times: sorted by "Times observed" descending, the table is in index order. */
function body(): HostPortBody {
  const banners = variedBanners(N, (i) => N - i);
  banners[N - 1]!.banner = 'HTTP/1.1 200 OK\r\nServer: the-very-last-banner\r\n\r\n';
  return { id: ID, port: PORT, protocol: 'tcp', status: 'open', banners, services: [], host: { id: HOST } };
}

const stand = useGraphPreview(oneHostPort(body()), { name: 'scroll-window' });

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

/** One batch of rows added to the table, with what the DOM and the viewport held right after it. */
interface Batch {
  added: number;
  rows: number;
  /** Rows at least partly inside the scroller's viewport. */
  visible: number;
  /** Element nodes inside the table body. */
  nodes: number;
}

/**
 * Watches the banner table's body: after each batch of DOM changes that adds rows, records how many were added,
 * how many the table holds and how many of those the viewport shows. In the page as a string (no DOM library).
 */
async function watchRows(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const scroller = document.querySelector('#section-banners [data-scroll]');
    const body = scroller.querySelector('tbody');
    const batches = (window.__batches = []);
    const visible = () => {
      const box = scroller.getBoundingClientRect();
      let n = 0;
      for (const tr of body.querySelectorAll('tr[data-row]')) {
        const r = tr.getBoundingClientRect();
        if (r.bottom > box.top && r.top < box.bottom) n++;
      }
      return n;
    };
    new MutationObserver((records) => {
      let added = 0;
      for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1 && node.matches('tr[data-row]')) added++;
      if (added === 0) return;
      batches.push({ added, rows: body.querySelectorAll('tr[data-row]').length, visible: visible(), nodes: body.getElementsByTagName('*').length });
    }).observe(body, { childList: true });
  })()`);
}

test('scrolling 10,000 banners to the end: the table stays a window, its margin grows a row at a time', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(stand.url);
  await lookUp(page, HOST, PORT);
  const grid = page.getByRole('grid', { name: /^Banners/ });
  await expect(grid.locator('tbody tr[data-row]').first()).toBeVisible({ timeout: 90_000 });
  await expect(grid).toHaveAttribute('aria-rowcount', String(N + 1));
  await grid.getByRole('columnheader', { name: 'Times observed' }).getByRole('button').click();
  await expect(grid.locator('tbody tr[data-row="0"]')).toContainText('X-Request: 0');
  const scroller = page.locator('#section-banners [data-scroll]');
  await scroller.hover();
  await settled(page);
  await watchRows(page);

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
  const batches = (await page.evaluate('window.__batches')) as Batch[];

  await expect(last).toContainText('the-very-last-banner');
  // Hostile banners scrolled past on the way were text, never markup.
  await expect(grid.locator('tbody img')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await shot(page, 'banners-10000-scrolled-to-end', { fullPage: false });

  const worst = {
    // Added in one batch beyond what the viewport showed: a jump renders the screen, then a step adds a row per edge.
    addedBeyondVisible: Math.max(...batches.map((b) => b.added - b.visible)),
    heldBeyondVisible: Math.max(...batches.map((b) => b.rows - b.visible)),
    nodesPerRow: Math.max(...batches.map((b) => b.nodes / b.rows)),
  };
  testInfo.annotations.push({ type: 'scroll batches', description: JSON.stringify({ batches: batches.length, ...worst }) });
  expect(batches.length, 'rows were added while scrolling').toBeGreaterThan(JUMPS);
  // One row per edge per step: a whole margin in one batch (a dozen rows laid out in one task) is too heavy a task.
  expect(worst.addedBeyondVisible, 'rows added in one batch beyond those on screen').toBeLessThanOrEqual(2 + SLACK_ROWS);
  expect(worst.heldBeyondVisible, 'rows held beyond those on screen').toBeLessThanOrEqual(2 * OVERSCAN + SLACK_ROWS);
  // The margin did grow once scrolling settled (the steps ran), to at least one side's worth.
  expect(worst.heldBeyondVisible, 'the margin grew when idle').toBeGreaterThanOrEqual(OVERSCAN);
  expect(worst.nodesPerRow, 'element nodes per row').toBeLessThanOrEqual(NODES_PER_ROW);
});
