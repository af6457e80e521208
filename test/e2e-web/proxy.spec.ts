// --proxy through the preview: every Graph request travels through the forward proxy (counted there), and a
// proxy that wants credentials gives the analyst a clear message instead of a generic network error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { lookUp, shot } from '../support/e2e-page';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy';
import { startGraphServer, type GraphServer } from '../support/graph-server';
import { startPreview, type RunningPreview } from '../support/preview';

let graph: GraphServer;
let proxy: ForwardProxy;
let preview: RunningPreview;
let userData: string;

test.afterEach(async () => {
  await preview?.stop();
  await proxy?.stop();
  await graph?.close();
  rmSync(userData, { recursive: true, force: true });
});

async function start(credentials?: { user: string; password: string }): Promise<void> {
  graph = await startGraphServer();
  proxy = await startForwardProxy(credentials ? { credentials } : {});
  userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-proxy-'));
  preview = await startPreview({
    args: ['--port', '0', '--user-data', userData, '--graph-base-url', graph.url, '--proxy', proxy.url],
    env: { PORTOLAN_GRAPH_TOKEN: 'e2e-static-token' },
  });
}

test('every Graph request goes through --proxy', async ({ page }) => {
  await start();
  await page.goto(preview.url);
  await lookUp(page, '85.13.139.18', 21);
  await expect(page.getByTestId('overview').getByTestId('status')).toHaveText('open');
  const graphCalls = graph.requests.filter((r) => r.url.startsWith('/v1.0/'));
  expect(graphCalls.length).toBeGreaterThanOrEqual(2);
  // Each one reached the Graph stand-in only by way of the proxy.
  expect(proxy.requests.filter((r) => r.startsWith(`GET ${graph.url}/v1.0/`))).toHaveLength(graphCalls.length);
  expect(proxy.requests.filter((r) => r.startsWith(`GET ${graph.url}/`))).toHaveLength(graph.requests.length);
});

test('a proxy that wants credentials (407) is named in the error', async ({ page }) => {
  await start({ user: 'analyst', password: 's3cret' });
  await page.goto(preview.url);
  await lookUp(page, '85.13.139.18', 21);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('requires authentication (407)');
  await expect(alert).toContainText(proxy.url);
  expect(graph.requests.filter((r) => r.url.startsWith('/v1.0/'))).toHaveLength(0);
  await shot(page, 'proxy-407');
});
