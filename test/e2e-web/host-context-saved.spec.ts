// The host's context is saved with the snapshot: a lookup's port list, reputation and host details, and the
// sections loaded afterwards (paged reverse DNS) come back in History after a restart with Graph unreachable,
// each with its own saved time; a Refresh in History saves fresh context, and Compare shows a reputation change
// and ports opened and closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startGraphServer, type GraphServer } from '../support/graph-server';
import { closedPortUrl, lookUp, shot } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';

const TOKEN = { PORTOLAN_GRAPH_TOKEN: 'e2e-host-context-token' };
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const overview = (page: Page) => page.getByRole('region', { name: 'This host', exact: true });
const SAVED = /Saved \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/;


async function openSaved(page: Page, label: string): Promise<void> {
  await nav(page).getByRole('button', { name: 'History' }).click();
  await page.getByRole('listbox', { name: 'Saved host ports' }).getByRole('option').filter({ hasText: label }).click();
  await expect(page.getByTestId('saved-marker')).toBeVisible();
}

/** Every entry of a host's port list as the stand-in serves it (all pages). */
async function portList(graph: GraphServer, host: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let url: string | undefined = `${graph.url}/v1.0/security/threatIntelligence/hosts/${host}/ports`;
  while (url) {
    const body = (await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN.PORTOLAN_GRAPH_TOKEN}` } })).json()) as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
    out.push(...body.value);
    url = body['@odata.nextLink'];
  }
  return out;
}

test.describe.serial('host context saved with the snapshot', () => {
  let graph: GraphServer;
  let preview: RunningPreview | undefined;
  const dirs: string[] = [];

  const start = async (dir: string, graphUrl: string): Promise<RunningPreview> => {
    await preview?.stop();
    preview = await startPreview({ args: ['--port', '0', '--user-data', dir, '--graph-base-url', graphUrl], env: TOKEN });
    return preview;
  };

  test.beforeAll(async () => {
    graph = await startGraphServer();
  });
  test.afterAll(async () => {
    await preview?.stop();
    await graph?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('a saved entry shows its host context offline, each part with its saved time', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-e2e-ctx-'));
    dirs.push(dir);
    await start(dir, graph.url);
    await page.goto(preview!.url);
    await lookUp(page, '203.0.113.10', 443);
    await expect(overview(page).locator('[data-classification]')).toHaveText('suspicious');
    await expect(overview(page)).toContainText('Hosting provider');
    const reverse = page.locator('#section-passiveDnsReverse');
    await reverse.getByRole('button', { name: 'Load reverse passive DNS' }).click();
    await expect(reverse.getByRole('row')).toHaveCount(3);
    await reverse.getByRole('button', { name: 'Load more' }).click();
    await expect(reverse.getByRole('row')).toHaveCount(4);

    // Restart with Graph out of reach: the saved entry still shows everything that was fetched.
    await start(dir, await closedPortUrl());
    await page.goto(preview!.url);
    await openSaved(page, '203.0.113.10:443');
    await expect(overview(page).locator('[data-classification]')).toHaveText('suspicious');
    await expect(overview(page).locator('[data-saved="reputation"]')).toContainText(SAVED);
    await expect(overview(page).locator('[data-saved="host"]')).toContainText(/saved \d{4}-\d{2}-\d{2}/);
    await expect(overview(page)).toContainText('Example Cloud B.V.');
    const ports = page.getByRole('region', { name: /Ports of this host/ });
    await expect(ports.locator('[data-saved="ports"]')).toContainText(SAVED);
    await expect(ports.locator('tr[aria-current="true"]')).toContainText('443');
    const savedReverse = page.locator('#section-passiveDnsReverse');
    await expect(savedReverse.getByRole('row')).toHaveCount(4);
    await expect(savedReverse).toContainText('login-c0ntoso.example');
    await expect(savedReverse.locator('[data-saved="passiveDnsReverse"]')).toContainText(SAVED);
    await expect(page.locator('#section-whois')).toContainText('Not loaded when this snapshot was saved.');
    await shot(page, 'host-context-saved-offline');
  });

  test('Refresh in History takes a snapshot with fresh context; Compare shows a reputation change and ports opened and closed', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'portolan-e2e-ctx-cmp-'));
    dirs.push(dir);
    await start(dir, graph.url);
    await page.goto(preview!.url);
    await lookUp(page, '198.51.100.23', 443);
    await expect(overview(page).locator('[data-classification]')).toHaveText('neutral');

    // Graph's view of the host changes: reputation turns malicious, port 22 is gone and 3389 is new.
    const before = await portList(graph, '198.51.100.23');
    const after = [...before.filter((e) => e.port !== 22), { id: 'new-3389-tcp', port: 3389, protocol: 'tcp', status: 'open', lastSeenDateTime: '2026-01-01T00:00:00Z' }];
    expect(after.length).toBe(before.length);
    graph.setFault(/\/hosts\/198\.51\.100\.23\/ports/, { kind: 'status', status: 200, json: { value: after } });
    graph.setFault(/\/hosts\/198\.51\.100\.23\/reputation/, {
      kind: 'status',
      status: 200,
      json: { id: 'rep', classification: 'malicious', score: 91, rules: [{ name: 'Known C2', severity: 'high', description: 'Seen as C2', relatedDetailsUrl: null }] },
    });
    // History's Refresh takes the second snapshot: its port list is read again and its reputation read live.
    await openSaved(page, '198.51.100.23:443');
    try {
      await page.getByRole('button', { name: 'Refresh', exact: true }).click();
      await expect(page.getByTestId('snapshot-row')).toHaveCount(2);
      await expect(overview(page).locator('[data-classification]')).toHaveText('malicious');
    } finally {
      graph.clearFaults();
    }
    await page.getByRole('button', { name: /Compare with previous/ }).first().click();
    const cmp = page.getByTestId('comparison');
    const rep = cmp.getByRole('list', { name: 'Reputation changes' });
    await expect(rep).toContainText('neutral → malicious');
    await expect(rep).toContainText('8 → 91');
    await expect(rep).toContainText('Known C2 (high)');
    const portChanges = cmp.getByRole('list', { name: 'Ports of this host changes' });
    await expect(portChanges.locator('.added')).toContainText('3389/tcp');
    await expect(portChanges.locator('.removed')).toContainText('22/tcp');
    await expect(cmp.getByTestId('no-changes')).toHaveCount(0);
    await shot(page, 'host-context-compare');
  });
});
