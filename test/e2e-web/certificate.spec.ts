// The certificate section shows every field of subject and issuer, and says the right thing when Graph returns
// only a reference although the certificate was asked for in full.
import { expect, test } from '@playwright/test';
import { lookUp } from '../support/e2e-page';
import { useGraphPreview } from '../support/graph-preview';

const FULL = { host: '198.51.100.61', port: 443, id: 'e2e-cert-full' };
const REF = { host: '198.51.100.62', port: 443, id: 'e2e-cert-ref' };
const entity = (who: string) => ({
  commonName: `${who}.example`,
  alternateNames: [`www.${who}.example`, `api.${who}.example`],
  organizationName: `${who} Org`,
  organizationUnitName: `${who} Unit`,
  email: `pki@${who}.example`,
  givenName: `${who}-given`,
  surname: `${who}-surname`,
  serialNumber: `${who}-serial-42`,
  address: { street: '1 Harbour Road', city: 'Portsmouth', state: 'Hampshire', postalCode: 'PO1 1AA', countryOrRegion: 'GB' },
});
const hostPort = (t: typeof FULL, cert: Record<string, unknown>) => ({
  id: t.id,
  port: t.port,
  protocol: 'tcp',
  status: 'open',
  banners: [],
  services: [],
  host: { id: t.host },
  mostRecentSslCertificate: cert,
});

const stand = useGraphPreview(() => {
  const ports = (t: typeof FULL) => [{ id: t.id, port: t.port, protocol: 'tcp', status: 'open', lastSeenDateTime: '2024-01-01T00:00:00Z' }];
  return {
    hostPorts: {
      [FULL.id]: hostPort(FULL, { id: 'c1', sha1: 'ab'.repeat(20), issueDateTime: '2024-01-01T00:00:00Z', expirationDateTime: '2034-01-01T00:00:00Z', subject: entity('subject'), issuer: entity('issuer') }),
      [REF.id]: hostPort(REF, { id: 'only-a-reference' }),
    },
    ports: { [FULL.host]: ports(FULL), [REF.host]: ports(REF) },
    scenarios: false,
  };
}, { name: 'cert' });

test('every subject and issuer field is shown', async ({ page }) => {
  await page.goto(stand.url);
  await lookUp(page, FULL.host, FULL.port);
  const cert = page.locator('#section-certificate');
  for (const who of ['subject', 'issuer']) {
    for (const text of [`${who}.example`, `${who} Org`, `${who} Unit`, `pki@${who}.example`, `${who}-given`, `${who}-surname`, `${who}-serial-42`, `www.${who}.example`, `api.${who}.example`]) {
      await expect(cert).toContainText(text);
    }
  }
  await expect(cert).toContainText('PO1 1AA Portsmouth, Hampshire');
});

test('a reference where the full certificate was asked for is named as such', async ({ page }) => {
  await page.goto(stand.url);
  await lookUp(page, REF.host, REF.port);
  const cert = page.locator('#section-certificate');
  await expect(cert).toContainText('Only a reference came back');
  await expect(cert).not.toContainText('Turn on');
  await expect(cert).toContainText('only-a-reference');
});
