// The host around a port, in real Chromium through the web preview: the host's ports strip (tcp and udp of one
// port, switching between them), the reputation and autonomous system at the top, and host sections that
// load on demand and fail on their own. First with the embedded demo, then through the Graph stand-in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { errorJson, startGraphServer, type GraphServer } from '../support/graph-server';
import { lookUp, shot } from '../support/e2e-page';
import { startPreview, type RunningPreview } from '../support/preview';

const strip = (page: Page) => page.getByRole('region', { name: /Ports of this host/ });

test.describe('host context from the demo', () => {
  let preview: RunningPreview;
  let userData: string;

  test.beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-host-'));
    preview = await startPreview({ args: ['--port', '0', '--user-data', userData, '--demo'], env: { PORTOLAN_GRAPH_TOKEN: undefined } });
  });
  test.afterAll(async () => {
    await preview?.stop();
    rmSync(userData, { recursive: true, force: true });
  });

  test("the ports strip lists every port of the host and switches to the udp record of 443", async ({ page }) => {
    await page.goto(preview.url);
    await lookUp(page, '198.51.100.23', 443);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('198.51.100.23:443');
    const ports = strip(page);
    await expect(ports.getByRole('row')).toHaveCount(7); // header + 6 entries, from three pages of the list
    await expect(ports).toContainText("ID from the host's port list");
    await expect(ports.getByRole('note')).toContainText('Port 443 is also seen over udp; this is the tcp record.');
    await expect(ports.locator('tr[aria-current="true"]')).toContainText('tcp');
    await shot(page, 'host-ports-strip');

    const udp = ports.getByRole('button', { name: 'Show port 443/udp' });
    await udp.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('tr[aria-current="true"]')).toContainText('udp');
    await expect(strip(page).getByRole('note')).toContainText('also seen over tcp; this is the udp record.');
    await expect(strip(page).getByRole('row')).toHaveCount(7);
    await expect(strip(page).getByRole('button', { name: 'Show port 22/tcp' })).toBeVisible();
  });

  test('reputation and autonomous system lead; whois fails alone while reverse DNS loads and pages', async ({ page }) => {
    await page.goto(preview.url);
    await lookUp(page, '203.0.113.10', 443);
    const overview = page.getByRole('region', { name: 'This host', exact: true });
    await expect(overview.locator('[data-classification]')).toHaveText('suspicious');
    await expect(overview).toContainText('score 62/100');
    await expect(overview).toContainText('AS64500 EXAMPLE-CLOUD (Example Cloud B.V.)');
    await expect(overview).toContainText('Hosting provider');
    // A rule's description is attacker-reachable text: shown as text, never as markup.
    await expect(overview).toContainText('<script>alert(1)</script>');

    const whois = page.locator('#section-whois');
    await whois.getByRole('button', { name: 'Load whois' }).click();
    await expect(whois.locator('[data-section-error="whois"]')).toContainText('Nothing observed');

    const reverse = page.locator('#section-passiveDnsReverse');
    await reverse.getByRole('button', { name: 'Load reverse passive DNS' }).click();
    await expect(reverse.getByRole('row')).toHaveCount(3);
    await reverse.getByRole('button', { name: 'Load more' }).click();
    await expect(reverse.getByRole('row')).toHaveCount(4);
    await expect(reverse).toContainText('login-c0ntoso.example');
    await expect(reverse.getByRole('button', { name: 'Load more' })).toHaveCount(0);

    const related = page.locator('#section-relatedHosts');
    await related.getByRole('button', { name: /Load hosts with the same certificate/ }).click();
    await expect(related).toContainText('192.0.2.140');
    await expect(whois.locator('[data-section-error="whois"]')).toBeVisible();
    await shot(page, 'host-context');
  });
});

test.describe('host context through the Graph stand-in', () => {
  let preview: RunningPreview;
  let graph: GraphServer;
  let userData: string;

  test.beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'portolan-e2e-host-graph-'));
    graph = await startGraphServer();
    preview = await startPreview({
      args: ['--port', '0', '--user-data', userData, '--graph-base-url', graph.url],
      env: { PORTOLAN_GRAPH_TOKEN: 'e2e-static-token' },
    });
  });
  test.afterAll(async () => {
    await preview?.stop();
    await graph?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('a 403 on reputation says so in its place while the host details and whois still work', async ({ page }) => {
    graph.setFault('/reputation', { kind: 'status', status: 403, json: errorJson('accessDenied', 'Insufficient privileges to complete the operation.') });
    await page.goto(preview.url);
    await lookUp(page, 'mail.northwind.example', 25);
    const overview = page.getByRole('region', { name: 'This host', exact: true });
    await expect(overview.locator('[data-section-error="reputation"]')).toContainText('Access denied');
    await expect(overview).toContainText('Registrar');
    await expect(overview).toContainText('Northwind Traders (demo)');
    const whois = page.locator('#section-whois');
    await whois.getByRole('button', { name: 'Load whois' }).click();
    await expect(whois).toContainText('ns1.registrar.example');
    await expect(page.locator('#section-banners')).toContainText('ESMTP Postfix');
    expect(graph.requests.some((q) => q.url.endsWith('/hosts/mail.northwind.example/reputation'))).toBe(true);
    graph.clearFaults();
  });
});
