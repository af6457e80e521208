// The embedded demo data: a handful of realistic hostPorts (the seed's example among them) and the hosts'
// port lists. Apart from the seed's host, addresses are from the documentation ranges (RFC 5737) and names
// are fictitious, so nothing here points at a real third party.
import type { GraphDataset } from './graph-responder';
import { demoHostContexts, demoRelatedHosts } from './host-fixtures';
import { SEED_EXAMPLE_BODY, SEED_HOST, SEED_HOST_PORT_ID, SEED_PORT } from './seed-example';

type Obj = Record<string, unknown>;

const HP = '#microsoft.graph.security.hostPort';
const IP = '#microsoft.graph.security.ipAddress';
const HOSTNAME = '#microsoft.graph.security.hostname';

// ---- an HTTPS server with an expanded certificate ----
export const HTTPS_ID = 'bXktaHR0cHMtZGVtby1pZC0wMDE3NDQ';
const httpsHostPort: Obj = {
  '@odata.type': HP,
  id: HTTPS_ID,
  port: 443,
  firstSeenDateTime: '2019-04-02T11:07:52.00Z',
  lastSeenDateTime: '2025-01-14T06:41:09.00Z',
  lastScanDateTime: '2025-01-14T06:44:30.00Z',
  timesObserved: 1284,
  status: 'open',
  protocol: 'tcp',
  banners: [
    {
      banner:
        'HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nContent-Type: text/html; charset=utf-8\r\nStrict-Transport-Security: max-age=31536000\r\nX-Frame-Options: DENY\r\n\r\n',
      firstSeenDateTime: '2023-06-11T02:19:40.00Z',
      lastSeenDateTime: '2025-01-14T06:41:09.00Z',
      scanProtocol: 'https',
      timesObserved: 412,
    },
    {
      banner: 'HTTP/1.1 301 Moved Permanently\r\nServer: nginx/1.18.0 (Ubuntu)\r\nLocation: https://portal.contoso.example/\r\n\r\n',
      firstSeenDateTime: '2019-04-02T11:07:52.00Z',
      lastSeenDateTime: '2023-05-30T17:02:13.00Z',
      scanProtocol: 'http_raw',
      timesObserved: 871,
    },
  ],
  services: [
    service('2023-06-11T02:19:40.00Z', '2025-01-14T06:41:09.00Z', true, 'bmdpbngkJDEuMjQuMCQkU2VydmVy', 'nginx', '1.24.0', 'Server'),
    service('2019-04-02T11:07:52.00Z', '2023-05-30T17:02:13.00Z', false, 'bmdpbngkJDEuMTguMCQkU2VydmVy', 'nginx', '1.18.0', 'Server'),
    service('2023-06-11T02:19:40.00Z', '2025-01-12T20:15:00.00Z', true, 'VWJ1bnR1JCQyMi4wNCQkT1M', 'Ubuntu', '22.04', 'Operating System'),
    service('2024-02-01T08:00:00.00Z', '2025-01-14T06:41:09.00Z', true, 'UmVhY3QkJDE4LjIuMCQkRnJhbWV3b3Jr', 'React', '18.2.0', 'Framework'),
  ],
  mostRecentSslCertificate: {
    '@odata.type': '#microsoft.graph.security.sslCertificate',
    id: 'YTNmMWM4ZTBiN2Q0OTJlNmE1YzMwZjE4ZGI3NzI5YzQ1ZTBhOGQxMg==',
    sha1: 'a3f1c8e0b7d492e6a5c30f18db7729c45e0a8d12',
    fingerprint: 'a3f1c8e0b7d492e6a5c30f18db7729c45e0a8d12',
    serialNumber: '04:7f:c2:19:aa:6e:3b:91:0d:5c:82:e4:f1:27:6a:b3:58:09',
    issueDateTime: '2024-11-20T00:00:00.00Z',
    expirationDateTime: '2025-02-18T23:59:59.00Z',
    firstSeenDateTime: '2024-11-21T03:12:44.00Z',
    lastSeenDateTime: '2025-01-14T06:41:09.00Z',
    issuer: {
      commonName: 'R11',
      organizationName: "Let's Encrypt",
      alternateNames: [],
      organizationUnitName: null,
      email: null,
      givenName: null,
      surname: null,
      serialNumber: null,
      address: { countryOrRegion: 'US' },
    },
    subject: {
      commonName: 'portal.contoso.example',
      alternateNames: ['portal.contoso.example', 'www.portal.contoso.example', 'api.contoso.example', 'status.contoso.example'],
      organizationName: null,
      organizationUnitName: null,
      email: null,
      givenName: null,
      surname: null,
      serialNumber: null,
      address: null,
    },
  },
  host: {
    '@odata.type': IP,
    id: '203.0.113.10',
    firstSeenDateTime: '2018-09-17T10:22:31.00Z',
    lastSeenDateTime: '2025-01-14T06:41:09.00Z',
    countryOrRegion: 'NL',
    hostingProvider: 'Example Cloud B.V.',
    netblock: '203.0.113.0/24',
    autonomousSystem: { number: 64500, name: 'EXAMPLE-CLOUD', organization: 'Example Cloud B.V.', dateObserved: '2024-12-01T00:00:00.00Z' },
  },
};

// ---- an SSH host: several banners, services in several categories; its port list is paged ----
export const SSH_ID = 'q3Xv9PZk1mR0aLw7TnB2cYhE';
const sshHostPort: Obj = {
  '@odata.type': HP,
  id: SSH_ID,
  port: 22,
  firstSeenDateTime: '2020-01-19T04:51:12.00Z',
  lastSeenDateTime: '2025-01-13T22:09:47.00Z',
  lastScanDateTime: '2025-01-13T22:10:05.00Z',
  timesObserved: 2391,
  status: 'open',
  protocol: 'tcp',
  banners: [
    sshBanner('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10\r\n', '2024-03-05T09:14:20.00Z', '2025-01-13T22:09:47.00Z', 'ssh', 318),
    sshBanner('SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n', '2022-04-20T15:33:02.00Z', '2024-03-01T00:47:51.00Z', 'ssh', 701),
    sshBanner('SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.3\r\n', '2020-01-19T04:51:12.00Z', '2022-04-18T11:05:36.00Z', 'ssh', 1209),
    sshBanner('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10\r\n', '2024-03-05T09:14:20.00Z', '2025-01-10T07:30:00.00Z', 'telnet', 163),
  ],
  services: [
    service('2024-03-05T09:14:20.00Z', '2025-01-13T22:09:47.00Z', true, 'T3BlblNTSCQkOC45cDEkJFJlbW90ZSBBY2Nlc3M', 'OpenSSH', '8.9p1', 'Remote Access'),
    service('2022-04-20T15:33:02.00Z', '2024-03-01T00:47:51.00Z', false, 'T3BlblNTSCQkOC4ycDEkJFJlbW90ZSBBY2Nlc3M', 'OpenSSH', '8.2p1', 'Remote Access'),
    service('2020-01-19T04:51:12.00Z', '2022-04-18T11:05:36.00Z', false, 'T3BlblNTSCQkNy42cDEkJFJlbW90ZSBBY2Nlc3M', 'OpenSSH', '7.6p1', 'Remote Access'),
    service('2024-03-05T09:14:20.00Z', '2025-01-13T22:09:47.00Z', true, 'VWJ1bnR1JCQyMi4wNCQkT1M', 'Ubuntu', '22.04', 'Operating System'),
    service('2020-01-19T04:51:12.00Z', '2022-04-18T11:05:36.00Z', false, 'VWJ1bnR1JCQxOC4wNCQkT1M', 'Ubuntu', '18.04', 'Operating System'),
    service('2023-09-02T12:00:00.00Z', '2025-01-11T03:00:00.00Z', true, 'T3BlblNTTCQkMy4wLjIkJExpYnJhcnk', 'OpenSSL', '3.0.2', 'Library'),
  ],
  mostRecentSslCertificate: null,
  host: {
    '@odata.type': IP,
    id: '198.51.100.23',
    firstSeenDateTime: '2019-11-30T18:00:00.00Z',
    lastSeenDateTime: '2025-01-13T22:09:47.00Z',
    countryOrRegion: 'DE',
    hostingProvider: 'Example Hosting GmbH',
    netblock: '198.51.100.0/24',
  },
};

// ---- hostile banners: markup, script, ANSI escapes, a NUL, a bidi override, and a 20 KB banner ----
export const HOSTILE_ID = 'SG9zdGlsZURlbW8kJDgwODA_x+y/z=';
const longBanner = buildLongBanner(20 * 1024);
const hostileHostPort: Obj = {
  '@odata.type': HP,
  id: HOSTILE_ID,
  port: 8080,
  firstSeenDateTime: '2024-07-01T00:00:00.00Z',
  lastSeenDateTime: '2025-01-09T13:37:00.00Z',
  lastScanDateTime: '2025-01-09T13:40:00.00Z',
  timesObserved: 57,
  status: 'open',
  protocol: 'tcp',
  banners: [
    {
      banner: 'HTTP/1.1 200 OK\r\nServer: <img src=x onerror=alert(1)>\r\nX-Note: <script>alert(1)</script>\r\n\r\n',
      firstSeenDateTime: '2024-07-01T00:00:00.00Z',
      lastSeenDateTime: '2025-01-09T13:37:00.00Z',
      scanProtocol: 'http_raw',
      timesObserved: 31,
    },
    {
      banner: '\u001b[31mROOT SHELL READY\u001b[0m\u0000\u0007 admin@host:~# \u202Egnp.exe\u202C\r\n',
      firstSeenDateTime: '2024-08-15T10:00:00.00Z',
      lastSeenDateTime: '2025-01-02T09:00:00.00Z',
      scanProtocol: 'telnet',
      timesObserved: 19,
    },
    {
      banner: longBanner,
      firstSeenDateTime: '2024-10-20T20:20:20.00Z',
      lastSeenDateTime: '2025-01-05T05:05:05.00Z',
      scanProtocol: 'http_raw',
      timesObserved: 7,
    },
  ],
  services: [
    service('2024-07-01T00:00:00.00Z', '2025-01-09T13:37:00.00Z', true, 'PGltZz4kJDEkJFNlcnZlcg', '<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', 'Server'),
    service('2024-08-15T10:00:00.00Z', '2025-01-02T09:00:00.00Z', false, null, 'Busy\u202EboxXx', '1.36\u0000.1', 'Remote Access'),
  ],
  mostRecentSslCertificate: null,
  host: { '@odata.type': IP, id: '192.0.2.66', firstSeenDateTime: '2024-06-30T00:00:00.00Z', lastSeenDateTime: '2025-01-09T13:37:00.00Z' },
};

// ---- a hostname host (not an IP): SMTP on mail.northwind.example ----
export const HOSTNAME_ID = 'bm9ydGh3aW5kLXNtdHAtMjUtZGVtbw';
const hostnameHostPort: Obj = {
  '@odata.type': HP,
  id: HOSTNAME_ID,
  port: 25,
  firstSeenDateTime: '2017-03-09T14:00:12.00Z',
  lastSeenDateTime: '2025-01-12T19:45:33.00Z',
  lastScanDateTime: '2025-01-12T19:46:02.00Z',
  timesObserved: 4410,
  status: 'open',
  protocol: 'tcp',
  banners: [
    {
      banner: '220 mail.northwind.example ESMTP Postfix (Debian/GNU)\r\n',
      firstSeenDateTime: '2017-03-09T14:00:12.00Z',
      lastSeenDateTime: '2025-01-12T19:45:33.00Z',
      scanProtocol: 'smtp',
      timesObserved: 4410,
    },
  ],
  services: [
    service('2017-03-09T14:00:12.00Z', '2025-01-12T19:45:33.00Z', true, 'UG9zdGZpeCQkJCRNYWls', 'Postfix', null, 'Mail Server'),
    service('2017-03-09T14:00:12.00Z', '2025-01-12T19:45:33.00Z', true, 'RGViaWFuJCQkJE9T', 'Debian', null, 'Operating System'),
  ],
  mostRecentSslCertificate: { id: 'bWFpbC5ub3J0aHdpbmQuZXhhbXBsZS1jZXJ0' },
  host: {
    '@odata.type': HOSTNAME,
    id: 'mail.northwind.example',
    firstSeenDateTime: '2016-12-01T00:00:00.00Z',
    lastSeenDateTime: '2025-01-12T19:45:33.00Z',
    registrar: 'Example Registrar, Inc.',
    registrant: 'Northwind Traders (demo)',
  },
  // A property newer than our model: kept in `extra` rather than dropped.
  riskTier: 'elevated',
};

// ---- a filtered port: scanned, nothing answering; collections null ----
export const FILTERED_ID = 'ZmlsdGVyZWQtcmRwLWRlbW8tMzM4OQ';
const filteredHostPort: Obj = {
  '@odata.type': HP,
  id: FILTERED_ID,
  port: 3389,
  firstSeenDateTime: '2022-10-03T07:00:00.00Z',
  lastSeenDateTime: '2024-05-18T16:20:00.00Z',
  lastScanDateTime: '2025-01-11T02:00:00.00Z',
  timesObserved: 88,
  status: 'filtered',
  protocol: 'tcp',
  banners: [],
  services: null,
  mostRecentSslCertificate: null,
  host: { '@odata.type': IP, id: '203.0.113.77', firstSeenDateTime: '2022-10-03T07:00:00.00Z', lastSeenDateTime: '2025-01-11T02:00:00.00Z' },
};

export interface DemoTarget {
  host: string;
  port: number;
  label: string;
  hostPortId: string;
}

export const DEMO_TARGETS: readonly DemoTarget[] = Object.freeze([
  { host: SEED_HOST, port: SEED_PORT, label: "FTP: the documentation's example (value-wrapped, a month-17 date)", hostPortId: SEED_HOST_PORT_ID },
  { host: '203.0.113.10', port: 443, label: 'HTTPS with an expanded TLS certificate', hostPortId: HTTPS_ID },
  { host: '198.51.100.23', port: 22, label: 'SSH with several banners and services', hostPortId: SSH_ID },
  { host: '192.0.2.66', port: 8080, label: 'Hostile banners (markup, control characters, 20 KB)', hostPortId: HOSTILE_ID },
  { host: 'mail.northwind.example', port: 25, label: 'SMTP on a hostname', hostPortId: HOSTNAME_ID },
  { host: '203.0.113.77', port: 3389, label: 'Filtered RDP port', hostPortId: FILTERED_ID },
]);

/** The demo dataset: detailed hostPorts by id, plus explicit port lists for the hosts that have more ports. */
export function demoDataset(): GraphDataset {
  return {
    hostPorts: {
      [SEED_HOST_PORT_ID]: SEED_EXAMPLE_BODY,
      [HTTPS_ID]: httpsHostPort,
      [SSH_ID]: sshHostPort,
      [HOSTILE_ID]: hostileHostPort,
      [HOSTNAME_ID]: hostnameHostPort,
      [FILTERED_ID]: filteredHostPort,
    },
    ports: {
      // The reference's list example: another port of a host comes with an unrelated, opaque id.
      [SEED_HOST]: [
        listEntry(SEED_HOST_PORT_ID, SEED_PORT, 'open', SEED_HOST),
        listEntry('tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao', 22, 'open', SEED_HOST),
        listEntry('Lq0vC4z7bUe9sRkA2mWfXpHyTgJd', 80, 'open', SEED_HOST),
      ],
      '198.51.100.23': [
        listEntry('bq9XtR2mZk0aPw4LnC7vYhEs', 80, 'closed', '198.51.100.23'),
        listEntry('Zt8mQ1rXv6kLpA3wNc0bYhGe', 443, 'filtered', '198.51.100.23'),
        // The same port number over udp (QUIC): the detail offers both.
        listEntry('Qv7uDp443kLmZx2NcR8aTbYe', 443, 'open', '198.51.100.23', 'udp'),
        listEntry('Hk2pW9sLq4mZx7TnR0aVcYbE', 8443, 'open', '198.51.100.23'),
        listEntry('Mw5nB8xKq2rTz0PvL3aYhCgE', 53, 'open', '198.51.100.23', 'udp'),
        listEntry(SSH_ID, 22, 'open', '198.51.100.23'),
      ],
    },
    // Page the SSH host's list so the demo exercises @odata.nextLink too.
    pageSize: { '198.51.100.23': 2 },
    hosts: demoHostContexts(),
    relatedHosts: demoRelatedHosts(),
  };
}

function service(
  first: string,
  last: string,
  isRecent: boolean,
  id: string | null,
  name: string,
  version: string | null,
  category: string,
): Obj {
  return {
    firstSeenDateTime: first,
    lastSeenDateTime: last,
    isRecent,
    component: { id, name, version, category, firstSeenDateTime: first, lastSeenDateTime: last },
  };
}

function sshBanner(banner: string, first: string, last: string, scanProtocol: string, times: number): Obj {
  return { banner, firstSeenDateTime: first, lastSeenDateTime: last, scanProtocol, timesObserved: times };
}

function listEntry(id: string, port: number, status: string, host: string, protocol = 'tcp'): Obj {
  return {
    '@odata.type': HP,
    id,
    port,
    protocol,
    status,
    firstSeenDateTime: '2021-02-14T09:00:00.00Z',
    lastSeenDateTime: '2024-12-30T21:00:00.00Z',
    lastScanDateTime: '2025-01-10T04:00:00.00Z',
    timesObserved: 120,
    banners: [],
    services: [],
    host: { '@odata.type': IP, id: host },
  };
}

/** An HTTP answer padded with a long cookie and markup, to test folding and rendering of huge banners. */
function buildLongBanner(size: number): string {
  const head = 'HTTP/1.1 200 OK\r\nServer: Apache/2.4.41 (Ubuntu)\r\nSet-Cookie: session=';
  const tail = '; Path=/; HttpOnly\r\nContent-Type: text/html\r\n\r\n<html><body>padding</body></html>';
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let filler = '';
  for (let i = 0; filler.length < size - head.length - tail.length; i++) filler += alphabet[(i * 7) % alphabet.length];
  return head + filler + tail;
}
