// Realistic, deterministic snapshot inputs for history tests and the benchmark: Graph-shaped raw responses of
// 3 to 5 KB with varied banners (HTTP, SSH, SMTP, FTP, TLS, ...), services and certificates.
import type { BannerView, CertificateView, HostPortView, ServiceView, SnapshotView, Stamp } from '../../src-shared/views';
import type { SnapshotInput } from '../../src-main/core/history';
import { snapshotFromInput } from '../../src-main/core/history/records';

/** Small deterministic PRNG (mulberry32) so every run builds the same history. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const SERVERS = ['nginx/1.18.0', 'nginx/1.24.0', 'Apache/2.4.41 (Ubuntu)', 'Apache/2.4.57 (Debian)', 'Microsoft-IIS/10.0', 'cloudflare', 'LiteSpeed', 'openresty/1.21.4.1', 'Caddy', 'gunicorn/20.1.0'];
const SSH = ['SSH-2.0-OpenSSH_7.4', 'SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5', 'SSH-2.0-OpenSSH_9.3', 'SSH-2.0-dropbear_2020.81', 'SSH-2.0-Cisco-1.25'];
const SMTP = ['220 mail.example.net ESMTP Postfix (Ubuntu)', '220 mx1.contoso.com Microsoft ESMTP MAIL Service ready', '220 smtp.fabrikam.org ESMTP Exim 4.96'];
const FTP = ['220 (vsFTPd 3.0.3)', '220 ProFTPD Server (Debian) [::ffff:10.0.0.5]', '220-FileZilla Server 1.7.0\r\n220 Please visit https://filezilla-project.org/'];
const COMPONENTS: [string, string, string[]][] = [
  ['nginx', 'Web servers', ['1.18.0', '1.20.2', '1.24.0', '1.25.3']],
  ['Apache HTTP Server', 'Web servers', ['2.4.41', '2.4.52', '2.4.57']],
  ['Microsoft IIS', 'Web servers', ['8.5', '10.0']],
  ['OpenSSH', 'Remote access', ['7.4', '8.2p1', '8.9p1', '9.3']],
  ['jQuery', 'JavaScript libraries', ['1.12.4', '3.5.1', '3.7.1']],
  ['Bootstrap', 'UI frameworks', ['3.4.1', '4.6.2', '5.3.2']],
  ['PHP', 'Programming languages', ['7.4.33', '8.1.2', '8.2.12']],
  ['WordPress', 'CMS', ['5.8.3', '6.3.1', '6.4.2']],
  ['Postfix', 'Mail servers', ['3.4.13', '3.6.4']],
  ['OpenSSL', 'Cryptography', ['1.0.2k', '1.1.1f', '3.0.2']],
  ['Cloudflare', 'CDN', ['']],
  ['Google Analytics', 'Analytics', ['UA', 'GA4']],
];
const ORGS = ['Contoso Ltd', 'Fabrikam Inc', "Let's Encrypt", 'DigiCert Inc', 'Sectigo Limited', 'Woodgrove Bank', 'Northwind Traders'];

function stamp(ms: number): Stamp {
  const raw = new Date(ms).toISOString().replace('.000Z', 'Z');
  return { raw, ms: Date.parse(raw) };
}

export interface FixtureOptions {
  /** How many distinct hostPorts the snapshots spread over (default: one per 4 snapshots). */
  hostPorts?: number;
  /** savedAt of snapshot 0; later ones follow a minute apart. */
  startMs?: number;
  seed?: number;
}

export function hostPortIdOf(n: number): string {
  return `hp-${(n * 2654435761 % 4294967296).toString(16)}-${n}`;
}

/** The i-th snapshot of a deterministic history. Later snapshots of one hostPort drift (versions, counts). */
export function makeSnapshot(i: number, opts: FixtureOptions = {}): SnapshotInput {
  const total = Math.max(1, opts.hostPorts ?? 250);
  const n = (i * 7919) % total;
  const r = rng((opts.seed ?? 1) * 1_000_003 + n);
  const drift = rng(i + 17);
  const octets = [10 + Math.floor(r() * 200), Math.floor(r() * 256), Math.floor(r() * 256), 1 + Math.floor(r() * 254)];
  const isName = r() < 0.4;
  const host = isName ? `${pick(r, ['www', 'mail', 'vpn', 'api', 'portal', 'dev'])}${n}.${pick(r, ['contoso.com', 'fabrikam.net', 'example.org', 'woodgrove.io'])}` : octets.join('.');
  const port = pick(r, [22, 25, 80, 443, 443, 443, 8080, 8443, 21, 3389]);
  const base = Date.UTC(2023, 0, 1) + Math.floor(r() * 300) * 86_400_000;
  const now = (opts.startMs ?? Date.UTC(2024, 5, 1)) + i * 60_000;
  const banners: BannerView[] = [];
  const web = port !== 22 && port !== 25 && port !== 21;
  const bannerCount = (web ? 1 : 1 + Math.floor(r() * 2)) + (drift() < 0.2 ? 1 : 0);
  for (let b = 0; b < bannerCount; b++) {
    const kind = port === 22 ? 'ssh' : port === 25 ? 'smtp' : port === 21 ? 'ftp' : 'http';
    let text: string;
    if (kind === 'ssh') text = pick(r, SSH);
    else if (kind === 'smtp') text = pick(r, SMTP);
    else if (kind === 'ftp') text = pick(r, FTP);
    else {
      const status = pick(r, ['200 OK', '301 Moved Permanently', '302 Found', '403 Forbidden', '404 Not Found']);
      text =
        `HTTP/1.1 ${status}\r\nServer: ${pick(r, SERVERS)}\r\nDate: ${new Date(now).toUTCString()}\r\nContent-Type: text/html; charset=UTF-8\r\n` +
        `Content-Length: ${100 + Math.floor(r() * 90000)}\r\nConnection: keep-alive\r\nX-Powered-By: ${pick(r, ['PHP/7.4.33', 'PHP/8.1.2', 'ASP.NET', 'Express'])}\r\n` +
        `Set-Cookie: session=${Math.floor(r() * 1e12).toString(36)}; Path=/; HttpOnly; Secure\r\n`;
    }
    banners.push({
      banner: text,
      scanProtocol: kind === 'http' && port !== 80 ? 'https' : kind,
      firstSeen: stamp(base),
      lastSeen: stamp(now - Math.floor(drift() * 5) * 86_400_000),
      timesObserved: 1 + Math.floor(r() * 500) + Math.floor(i / total),
    });
  }
  const services: ServiceView[] = [];
  const serviceCount = 1 + Math.floor(r() * (port === 443 || port === 8443 ? 2 : 3));
  for (let s = 0; s < serviceCount; s++) {
    const [name, category, versions] = pick(r, COMPONENTS);
    // Versions move forward over a hostPort's life, so comparisons find versionChanged services.
    const version = versions[Math.min(versions.length - 1, Math.floor(r() * versions.length) + (drift() < 0.15 ? 1 : 0))]!;
    services.push({
      firstSeen: stamp(base),
      lastSeen: stamp(now),
      isRecent: drift() < 0.8,
      component: { id: `${name}-${version}`.toLowerCase().replace(/\W+/g, '-'), name, version: version || null, category, firstSeen: stamp(base), lastSeen: stamp(now) },
    });
  }
  const tls = port === 443 || port === 8443;
  const certificate: CertificateView | null = tls
    ? {
        id: `cert-${(n * 31 + (drift() < 0.1 ? 1 : 0)).toString(16)}`,
        sha1: ((n + 1) * 0x9e3779b1).toString(16).padStart(40, 'a').slice(0, 40),
        fingerprint: null,
        serialNumber: `0${(n * 97).toString(16)}`,
        issueDate: stamp(base),
        expirationDate: stamp(base + 90 * 86_400_000),
        firstSeen: stamp(base),
        lastSeen: stamp(now),
        issuer: entity(pick(r, ORGS), `R${1 + Math.floor(r() * 12)}`),
        subject: entity(pick(r, ORGS), host, [host, `*.${host.split('.').slice(1).join('.') || 'example.org'}`]),
        referenceOnly: false,
      }
    : null;
  const hostPortId = hostPortIdOf(n);
  const details: Record<string, unknown> = {
    countryOrRegion: pick(r, ['US', 'NL', 'DE', 'GB', 'JP', 'SG']),
    hostingProvider: pick(r, ['Microsoft Corporation', 'Amazon.com, Inc.', 'DigitalOcean, LLC', 'OVH SAS', 'Hetzner Online GmbH']),
    autonomousSystem: { name: pick(r, ['MICROSOFT-CORP-MSN-AS-BLOCK', 'AMAZON-02', 'DIGITALOCEAN-ASN', 'OVH', 'HETZNER-AS']), number: 1000 + Math.floor(r() * 60000), organization: pick(r, ORGS), dataSource: 'Microsoft' },
    netblock: `${octets[0]}.${octets[1]}.0.0/16`,
  };
  const hostPort: HostPortView = {
    id: hostPortId,
    port,
    protocol: r() < 0.9 ? 'tcp' : 'udp',
    status: drift() < 0.85 ? 'open' : pick(drift, ['closed', 'filtered']),
    firstSeen: stamp(base),
    lastSeen: stamp(now),
    lastScan: stamp(now - 3_600_000),
    timesObserved: 10 + Math.floor(r() * 1000) + i,
    banners,
    services,
    certificate,
    host: { id: host, odataType: isName ? '#microsoft.graph.security.hostname' : '#microsoft.graph.security.ipAddress', firstSeen: stamp(base), lastSeen: stamp(now), details },
    extra: {},
    warnings: [],
  };
  const raw = JSON.stringify({
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#security/threatIntelligence/hostPorts/$entity',
    id: hostPortId,
    port,
    protocol: hostPort.protocol,
    status: hostPort.status,
    firstSeenDateTime: hostPort.firstSeen.raw,
    lastSeenDateTime: hostPort.lastSeen.raw,
    lastScanDateTime: hostPort.lastScan.raw,
    timesObserved: hostPort.timesObserved,
    banners: banners.map((b) => ({ banner: b.banner, scanProtocol: b.scanProtocol, firstSeenDateTime: b.firstSeen.raw, lastSeenDateTime: b.lastSeen.raw, timesObserved: b.timesObserved })),
    services: services.map((s) => ({ firstSeenDateTime: s.firstSeen.raw, lastSeenDateTime: s.lastSeen.raw, isRecent: s.isRecent, component: s.component && { name: s.component.name, version: s.component.version, category: s.component.category } })),
    host: { '@odata.type': hostPort.host!.odataType, id: host, ...details },
    mostRecentSslCertificate: certificate && { id: certificate.id, sha1: certificate.sha1, serialNumber: certificate.serialNumber },
  });
  return {
    hostPortId,
    host,
    port,
    savedAt: new Date(now).toISOString(),
    cloud: 'global',
    tenant: 'contoso.onmicrosoft.com',
    account: 'analyst@contoso.com',
    source: 'graph',
    request: {
      url: `https://graph.microsoft.com/v1.0/security/threatIntelligence/hostPorts/${hostPortId}?$expand=mostRecentSslCertificate`,
      select: [],
      expand: ['mostRecentSslCertificate'],
      resolvedFrom: { host, port },
    },
    raw,
    hostPort,
  };
}

function entity(org: string, cn: string, alternateNames: string[] = []): CertificateView['subject'] {
  return {
    commonName: cn,
    alternateNames,
    organizationName: org,
    organizationUnitName: null,
    email: null,
    givenName: null,
    surname: null,
    serialNumber: null,
    address: null,
  };
}

/** A saved snapshot as an export holds it: makeSnapshot's input as the store saves it, with an id and a fixed save time. */
export function makeSnapshotView(i: number, opts: { id: string; hostPorts: number }): SnapshotView {
  return snapshotFromInput(makeSnapshot(i, { hostPorts: opts.hostPorts }), opts.id, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString());
}
