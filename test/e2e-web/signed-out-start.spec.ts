// Issue 4, point 3, the other half: with sign-in configured but nobody signed in, the app opens on the saved
// history (Graph is reachable, but a lookup could not work), and a lookup attempt offers the saved snapshot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT_ID } from '../support/entra-server';
import { startGraphServer, type GraphServer } from '../support/graph-server';
import { startPreview, type RunningPreview } from '../support/preview';

let graph: GraphServer;
let userData: string;
const running: RunningPreview[] = [];

test.beforeAll(async () => {
  graph = await startGraphServer({ requireToken: 'seed-token' });
  userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-signed-out-'));
});
test.afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await graph.close();
  rmSync(userData, { recursive: true, force: true });
});

test('signed out with sign-in configured: opens on History, and a lookup offers the saved snapshot', async ({ page }) => {
  // 1. A session with a preview token saves one lookup.
  const first = await startPreview({ args: ['--port', '0', '--user-data', userData, '--graph-base-url', graph.url], env: { PORTOLAN_GRAPH_TOKEN: 'seed-token' } });
  running.push(first);
  await page.goto(first.url);
  await page.getByLabel('Host', { exact: true }).fill('85.13.139.18');
  await page.getByLabel('Port', { exact: true }).fill('21');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.locator('#section-banners')).toContainText('220 FTP');
  await first.stop();

  // 2. Restart configured for sign-in (the authority is never contacted: nobody signs in here).
  const second = await startPreview({
    args: ['--port', '0', '--user-data', userData, '--graph-base-url', graph.url, '--authority', 'https://127.0.0.1:9', '--client-id', DEFAULT_CLIENT_ID],
    env: { PORTOLAN_GRAPH_TOKEN: undefined },
  });
  running.push(second);
  const requestsBefore = graph.requests.length;
  await page.goto(second.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'History' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  await expect(page.getByText('85.13.139.18:21')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' }).first()).toBeVisible();

  // 3. A lookup asks for sign-in, offers the saved snapshot, and never reaches Graph.
  await nav.getByRole('button', { name: 'Lookup' }).click();
  await page.getByLabel('Host', { exact: true }).fill('85.13.139.18');
  await page.getByLabel('Port', { exact: true }).fill('21');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('alert').first()).toContainText(/sign in/i);
  await page.getByRole('button', { name: /Open the saved snapshot/ }).click();
  await expect(page.getByTestId('saved-marker')).toContainText('Saved');
  await expect(page.locator('#section-banners')).toContainText('220 FTP');
  expect(graph.requests.slice(requestsBefore).filter((r) => r.url.includes('/security/'))).toEqual([]);
});
