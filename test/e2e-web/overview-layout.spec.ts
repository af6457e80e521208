// Graph enums grow (unknownFutureValue and values not yet known) and the values are whatever the service
// sends: an overlong status or protocol with no break opportunity must stay inside its own Overview cell
// instead of running over the neighbouring cells.
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { SHOTS } from '../support/e2e-page';
import { useGraphPreview } from '../support/graph-preview';

const LONG_ID = 'e2e-long-enum-0001';
const LONG_HOST = '192.0.2.203';
const LONG_PORT = 8083;
const LONG_STATUS = 'unknownFutureValue'.repeat(17).slice(0, 300);
const LONG_PROTOCOL = 'UNKNOWNFUTUREPROTOCOL'.repeat(15).slice(0, 300);
const longHostPort = {
  id: LONG_ID,
  port: LONG_PORT,
  status: LONG_STATUS,
  protocol: LONG_PROTOCOL,
  firstSeenDateTime: '2024-01-01T00:00:00Z',
  lastSeenDateTime: '2024-06-01T00:00:00Z',
  lastScanDateTime: '2024-06-01T00:10:00Z',
  timesObserved: 3,
  banners: [],
  services: [],
  host: { id: LONG_HOST },
};

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The value element's box, the box of its rendered text, its cell's box and the next cell's box. */
async function geometry(value: Locator): Promise<{ element: Rect; text: Rect; cell: Rect; next: Rect }> {
  const box = await value.boundingBox();
  expect(box).not.toBeNull();
  const element = { left: box!.x, right: box!.x + box!.width, top: box!.y, bottom: box!.y + box!.height };
  const rest = await value.evaluate((el) => {
    const rect = (r: Rect): Rect => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    const cell = el.closest('.fact')!;
    const doc = (globalThis as unknown as { document: { createRange(): { selectNodeContents(n: unknown): void; getBoundingClientRect(): Rect } } }).document;
    const range = doc.createRange();
    range.selectNodeContents(el);
    return { text: rect(range.getBoundingClientRect()), cell: rect(cell.getBoundingClientRect()), next: rect(cell.nextElementSibling!.getBoundingClientRect()) };
  });
  return { element, ...rest };
}

const overlaps = (a: Rect, b: Rect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

test.describe('overview with overlong enum values', () => {
  const stand = useGraphPreview({ hostPorts: { [LONG_ID]: longHostPort } }, { name: 'overview' });

  for (const width of [1360, 900]) {
    test(`a 300-character status and protocol stay inside their own cells at ${width}px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(stand.url);
      await page.getByLabel('Host', { exact: true }).fill(LONG_HOST);
      await page.getByLabel('Port', { exact: true }).fill(String(LONG_PORT));
      await page.getByRole('button', { name: 'Look up' }).click();
      const overview = page.getByTestId('overview');
      const status = overview.getByTestId('status');
      const protocol = overview.getByTestId('protocol');
      await expect(status).toContainText(LONG_STATUS.slice(0, 40));
      await expect(protocol).toContainText(LONG_PROTOCOL.slice(0, 40));
      await overview.screenshot({ path: join(SHOTS, `overview-long-enum-${width}.png`) });

      for (const [name, value] of [['status', status], ['protocol', protocol]] as const) {
        const g = await geometry(value);
        // Wide: the next cell is beside this one; narrow (two columns): beside it or below it.
        if (width === 1360) expect(g.next.top, `${name}: next cell on the same row`).toBeCloseTo(g.cell.top, 0);
        for (const [what, r] of [['element', g.element], ['text', g.text]] as const) {
          expect(r.left, `${name} ${what} left`).toBeGreaterThanOrEqual(g.cell.left - 0.5);
          expect(r.right, `${name} ${what} right`).toBeLessThanOrEqual(g.cell.right + 0.5);
          expect(r.bottom, `${name} ${what} bottom`).toBeLessThanOrEqual(g.cell.bottom + 0.5);
          expect(overlaps(r, g.next), `${name} ${what} overlaps the next cell`).toBe(false);
        }
      }
    });
  }
});
