// Every structural property Microsoft's v1.0 schema lists for a hostPort (banners, services and their
// components, the certificate with issuer, subject and their addresses, and the ipAddress host) is visible in the
// structured sections of the detail (each check is scoped to its section, so the Raw JSON section never counts). The values come from
// test/fixtures/graph-schema/hostport-v1.json, so a property added there is one more check here.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { lookUp, shot } from '../support/e2e-page';
import { fullEntity, fullHostPort, loadSchemaFacts, utcText, type PlantedValue } from '../support/graph-schema-fixture';
import { useGraphPreview } from '../support/graph-preview';

const HOST = '203.0.113.77';
const facts = loadSchemaFacts();
const { body, planted } = fullHostPort(facts, { hostId: HOST });
// What GET hosts/{id} and hosts/{id}/reputation answer for the same host, every property set.
const hostEntity = fullEntity(facts, 'microsoft.graph.security.ipAddress', { hostId: HOST });
const reputation = fullEntity(facts, 'microsoft.graph.security.hostReputation', { hostId: HOST });
const ID = body.id as string;
const PORT = body.port as number;

const stand = useGraphPreview(
  {
    hostPorts: { [ID]: body },
    ports: { [HOST]: [{ id: ID, port: PORT, protocol: body.protocol, status: body.status, lastSeenDateTime: body.lastSeenDateTime }] },
    hosts: { [HOST]: { host: hostEntity.body, reputation: reputation.body } },
    scenarios: false,
  },
  { name: 'schema' },
);

/** The text the detail shows for a value, and whether it must be an element's whole text. */
function shownAs(p: PlantedValue): { text: string; exact: boolean } {
  if (p.type === 'Edm.DateTimeOffset') return { text: utcText(p.value as string), exact: true };
  if (p.type === 'Edm.Boolean') return { text: p.value === true ? 'recent' : 'not recent', exact: true };
  // Numbers, enum values: short, so only an element showing exactly that counts. Strings are unique.
  if (p.type !== 'Edm.String') return { text: String(p.value), exact: true };
  return { text: p.value as string, exact: false };
}

async function detail(page: Page): Promise<(section: PlantedValue['section']) => Locator> {
  await page.goto(stand.url);
  await lookUp(page, HOST, PORT);
  await expect(page.locator('#section-overview')).toContainText(ID);
  return (section) => page.locator(`#section-${section}`);
}

for (const section of ['overview', 'banners', 'services', 'certificate', 'host'] as const) {
  const values = planted.filter((p) => p.section === section);
  test(`every schema property shown in the ${section} section (${values.length})`, async ({ page }) => {
    const at = await detail(page);
    await expect(at(section)).toBeVisible();
    for (const p of values) {
      const { text, exact } = shownAs(p);
      // Soft, so one run names every property that is missing, not just the first.
      await expect.soft(at(section).getByText(text, { exact }).first(), `${p.path} (${p.on}.${p.name}) as "${text}"`).toBeVisible();
    }
    await expect(page.getByRole('note', { name: 'Data warnings' })).toHaveCount(0);
    if (section === 'certificate') await shot(page, 'schema-coverage-detail');
  });
}

test('every schema property of the host and its reputation is shown where the detail puts them', async ({ page }) => {
  const at = await detail(page);
  const overview = page.getByRole('region', { name: 'This host', exact: true });
  await expect(overview.locator('[data-classification]')).toBeVisible();
  // The reputation record's own entity id names the record, not the host; the view does not carry it.
  for (const p of [...hostEntity.planted, ...reputation.planted.filter((r) => r.path !== 'id')]) {
    const { text, exact } = shownAs(p);
    // The host's id is the one looked up, shown in Host details; the rest leads the page.
    const where = p.path === 'id' ? at('host') : overview;
    await expect.soft(where.getByText(text, { exact: exact && p.type !== 'Edm.Int32' }).first(), `${p.on} ${p.path} as "${text}"`).toBeVisible();
  }
});
