// Demo answers of the host endpoints for the demo hosts: an IP with a suspicious reputation and a certificate
// shared with other hosts, an SSH host without whois (its section fails alone, 404) and paged reverse DNS,
// and a hostname with whois and passive DNS. Names and addresses are documentation ranges or fictitious.
import type { HostContextData } from './host-responder';

type Obj = Record<string, unknown>;
const IP = '#microsoft.graph.security.ipAddress';
const HOSTNAME = '#microsoft.graph.security.hostname';

/** The demo HTTPS host's certificate id (its hostPort names it as mostRecentSslCertificate). */
export const DEMO_CERT_ID = 'YTNmMWM4ZTBiN2Q0OTJlNmE1YzMwZjE4ZGI3NzI5YzQ1ZTBhOGQxMg==';

function dns(id: string, recordType: string, parent: string, artifact: string, artifactType: string, last: string): Obj {
  return {
    '@odata.type': '#microsoft.graph.security.passiveDnsRecord',
    id,
    firstSeenDateTime: '2022-04-18T10:31:12Z',
    lastSeenDateTime: last,
    collectedDateTime: last,
    recordType,
    parentHost: { id: parent },
    artifact: { '@odata.type': artifactType, id: artifact },
  };
}

function contact(name: string | null, organization: string, email: string | null): Obj {
  return { name, organization, email, telephone: null, fax: null, address: { city: null, countryOrRegion: 'NL', postalCode: null, state: null, street: null } };
}

export function demoHostContexts(): Record<string, HostContextData> {
  return {
    '203.0.113.10': {
      host: {
        '@odata.type': IP,
        id: '203.0.113.10',
        firstSeenDateTime: '2018-09-17T10:22:31.00Z',
        lastSeenDateTime: '2025-01-14T06:41:09.00Z',
        countryOrRegion: 'NL',
        hostingProvider: 'Example Cloud B.V.',
        netblock: '203.0.113.0/24',
        autonomousSystem: { number: 64500, name: 'EXAMPLE-CLOUD', organization: 'Example Cloud B.V.', value: 'AS64500' },
      },
      reputation: {
        '@odata.type': '#microsoft.graph.security.hostReputation',
        id: 'demo-reputation-203-0-113-10',
        classification: 'suspicious',
        score: 62,
        rules: [
          { name: 'Hosting provider', description: 'Addresses of this provider are often used for phishing kits', severity: 'medium', relatedDetailsUrl: null },
          {
            name: 'Resolving IP Address',
            description: 'Names pointing here were seen in a phishing campaign <script>alert(1)</script>',
            severity: 'high',
            relatedDetailsUrl: 'https://ti.defender.microsoft.com/search?query=203.0.113.10',
          },
        ],
      },
      passiveDnsReverse: [
        dns('cmV2LTEtMjAzLjAuMTEzLjEw', 'A', 'portal.contoso.example', '203.0.113.10', IP, '2025-01-13T00:00:00Z'),
        dns('cmV2LTItMjAzLjAuMTEzLjEw', 'A', 'api.contoso.example', '203.0.113.10', IP, '2025-01-12T00:00:00Z'),
        dns('cmV2LTMtMjAzLjAuMTEzLjEw', 'A', 'login-c0ntoso.example', '203.0.113.10', IP, '2024-11-02T00:00:00Z'),
      ],
      pageSize: 2,
    },
    '198.51.100.23': {
      host: {
        '@odata.type': IP,
        id: '198.51.100.23',
        firstSeenDateTime: '2019-11-30T18:00:00.00Z',
        lastSeenDateTime: '2025-01-13T22:09:47.00Z',
        countryOrRegion: 'DE',
        hostingProvider: 'Example Hosting GmbH',
        netblock: '198.51.100.0/24',
        autonomousSystem: { number: 64501, name: 'EXAMPLE-HOSTING', organization: 'Example Hosting GmbH', value: 'AS64501' },
      },
      reputation: { id: 'demo-reputation-198-51-100-23', classification: 'neutral', score: 8, rules: [] },
      passiveDnsReverse: [dns('cmV2LTEtMTk4LjUxLjEwMC4yMw', 'A', 'build.fabrikam.example', '198.51.100.23', IP, '2025-01-10T00:00:00Z')],
    },
    'mail.northwind.example': {
      host: {
        '@odata.type': HOSTNAME,
        id: 'mail.northwind.example',
        firstSeenDateTime: '2016-12-01T00:00:00.00Z',
        lastSeenDateTime: '2025-01-12T19:45:33.00Z',
        registrar: 'Example Registrar, Inc.',
        registrant: 'Northwind Traders (demo)',
      },
      reputation: { id: 'demo-reputation-northwind', classification: 'unknown', score: 0, rules: [] },
      whois: {
        id: 'd2hvaXMtbm9ydGh3aW5k',
        registrationDateTime: '2015-06-01T00:00:00Z',
        expirationDateTime: '2026-06-01T00:00:00Z',
        lastUpdateDateTime: '2024-05-20T08:00:00Z',
        firstSeenDateTime: null,
        lastSeenDateTime: null,
        whoisServer: 'whois.registrar.example',
        domainStatus: 'client transfer prohibited',
        rawWhoisText: 'Domain Name: NORTHWIND.EXAMPLE\r\nRegistrar: Example Registrar, Inc.\r\nRegistrant: <b>Northwind Traders</b>\u202Etxt.exe\r\n',
        registrar: contact(null, 'Example Registrar, Inc.', 'abuse@registrar.example'),
        registrant: contact('Domain Administrator', 'Northwind Traders (demo)', 'hostmaster@northwind.example'),
        admin: contact('Domain Administrator', 'Northwind Traders (demo)', 'hostmaster@northwind.example'),
        technical: null,
        billing: null,
        noc: null,
        abuse: null,
        zone: null,
        nameservers: [
          { firstSeenDateTime: null, lastSeenDateTime: null, host: { id: 'ns1.registrar.example' } },
          { firstSeenDateTime: null, lastSeenDateTime: null, host: { id: 'ns2.registrar.example' } },
        ],
      },
      passiveDns: [
        dns('ZG5zLTEtbm9ydGh3aW5k', 'A', 'mail.northwind.example', '192.0.2.25', IP, '2025-01-12T00:00:00Z'),
        dns('ZG5zLTItbm9ydGh3aW5k', 'A', 'mail.northwind.example', '192.0.2.26', IP, '2023-08-01T00:00:00Z'),
        dns('ZG5zLTMtbm9ydGh3aW5k', 'CNAME', 'mail.northwind.example', 'mx.northwind.example', HOSTNAME, '2021-01-01T00:00:00Z'),
      ],
      pageSize: 2,
    },
  };
}

export function demoRelatedHosts(): Record<string, Record<string, unknown>[]> {
  const ip = (id: string): Obj => ({ '@odata.type': IP, id, firstSeenDateTime: null, lastSeenDateTime: null, countryOrRegion: null, netblock: null, autonomousSystem: null, hostingProvider: null });
  return { [DEMO_CERT_ID]: [ip('203.0.113.10'), ip('203.0.113.11'), ip('192.0.2.140')] };
}
