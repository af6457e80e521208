// The host's ports and the host endpoints through the real client and transport against the Graph stand-in:
// the whole port list kept, tcp/udp both listed, each host section parsed, paged and failing on its own.
import { afterEach, describe, expect, it } from 'vitest';
import { SSH_ID } from '../../../src-main/core/demo/fixtures';
import { DEMO_CERT_ID } from '../../../src-main/core/demo/host-fixtures';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import { errorJson, startGraphServer, type GraphServer } from '../../support/graph-server';
import { errorOf, realClient } from './helpers';

let server: GraphServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe("the host's ports", () => {
  it('keeps every page of the port list, tcp and udp alike, and says the id came from it', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const r = await client.lookup({ host: '198.51.100.23', port: 22, expandCertificate: true });
    expect(r.hostPort.id).toBe(SSH_ID);
    expect(r.request.idFrom).toBe('portList');
    const entries = r.portList?.entries ?? [];
    expect(r.portList?.host).toBe('198.51.100.23');
    expect(entries.map((e) => `${e.port}/${e.protocol}`)).toEqual(['80/tcp', '443/tcp', '443/udp', '8443/tcp', '53/udp', '22/tcp']);
    expect(entries.find((e) => e.port === 80)?.status).toBe('closed');
    expect(entries[0]?.lastSeen.raw).toBe('2024-12-30T21:00:00.00Z');
    // Three pages of two: every page was read even though port 22 is on the last.
    expect(server.requests.filter((q) => q.url.includes('/ports')).length).toBe(3);
  });

  it('marks a pasted id as pasted, and an id picked from the list reads the list again', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const pasted = await client.lookup({ hostPortId: SSH_ID, expandCertificate: true });
    expect(pasted.request.idFrom).toBe('pasted');
    expect(pasted.portList).toBeUndefined();
    const picked = await client.lookup({ hostPortId: 'Qv7uDp443kLmZx2NcR8aTbYe', portListHost: '198.51.100.23', expandCertificate: true });
    expect(picked.hostPort.protocol).toBe('udp');
    expect(picked.request.idFrom).toBe('portList');
    expect(picked.portList?.entries.length).toBe(6);
  });
});

describe('host sections', () => {
  it('reads the host (autonomous system and all) and its reputation', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const host = await client.hostSection({ kind: 'host', host: '203.0.113.10' });
    expect(host.kind === 'host' && host.host.details.autonomousSystem).toMatchObject({ number: 64500, name: 'EXAMPLE-CLOUD' });
    const rep = await client.hostSection({ kind: 'reputation', host: '203.0.113.10' });
    if (rep.kind !== 'reputation') throw new Error('wrong kind');
    expect(rep.reputation.classification).toBe('suspicious');
    expect(rep.reputation.score).toBe(62);
    expect(rep.reputation.rules[1]).toMatchObject({ severity: 'high', relatedDetailsUrl: 'https://ti.defender.microsoft.com/search?query=203.0.113.10' });
    expect(server.requests.map((q) => q.url)).toEqual([
      '/v1.0/security/threatIntelligence/hosts/203.0.113.10',
      '/v1.0/security/threatIntelligence/hosts/203.0.113.10/reputation',
    ]);
  });

  it('reads whois contacts, name servers and the raw text as received', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const w = await client.hostSection({ kind: 'whois', host: 'mail.northwind.example' });
    if (w.kind !== 'whois') throw new Error('wrong kind');
    expect(w.whois.contacts.registrar?.organization).toBe('Example Registrar, Inc.');
    expect(w.whois.contacts.technical).toBeUndefined();
    expect(w.whois.nameservers).toEqual(['ns1.registrar.example', 'ns2.registrar.example']);
    expect(w.whois.rawWhoisText).toContain('<b>Northwind Traders</b>\u202E');
    expect(w.whois.expiration).toEqual({ raw: '2026-06-01T00:00:00Z', ms: Date.parse('2026-06-01T00:00:00Z') });
  });

  it('pages passive DNS: the first page, then the next link followed on request', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const first = await client.hostSection({ kind: 'passiveDns', host: 'mail.northwind.example' });
    if (first.kind !== 'passiveDns') throw new Error('wrong kind');
    expect(first.records.map((r) => r.artifact)).toEqual(['192.0.2.25', '192.0.2.26']);
    expect(first.nextLink).toMatch(new RegExp(`^${server.url}/v1.0/security/threatIntelligence/hosts/mail.northwind.example/passiveDns\\?`));
    const second = await client.hostSection({ kind: 'passiveDns', host: 'mail.northwind.example', nextLink: first.nextLink! });
    if (second.kind !== 'passiveDns') throw new Error('wrong kind');
    expect(second.records).toMatchObject([{ recordType: 'CNAME', artifact: 'mx.northwind.example', artifactType: '#microsoft.graph.security.hostname' }]);
    expect(second.nextLink).toBeNull();
  });

  it('refuses a next link on another origin or for another section, before any request', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const foreign = await errorOf(client.hostSection({ kind: 'passiveDns', host: 'mail.northwind.example', nextLink: 'https://evil.example/v1.0/x/passiveDns' }));
    expect(foreign.kind).toBe('invalidResponse');
    const other = await errorOf(
      client.hostSection({ kind: 'passiveDns', host: 'mail.northwind.example', nextLink: `${server.url}/v1.0/security/threatIntelligence/hostPorts/x` }),
    );
    expect(other.kind).toBe('invalidInput');
    expect(server.requests).toEqual([]);
  });

  it("lists the hosts that presented the same certificate", async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url);
    const r = await client.hostSection({ kind: 'relatedHosts', certificateId: DEMO_CERT_ID });
    if (r.kind !== 'relatedHosts') throw new Error('wrong kind');
    expect(r.hosts.map((h) => h.id)).toEqual(['203.0.113.10', '203.0.113.11', '192.0.2.140']);
    expect(server.requests[0]?.url).toBe(`/v1.0/security/threatIntelligence/sslCertificates/${encodeURIComponent(DEMO_CERT_ID)}/relatedHosts`);
  });

  it('fails one section alone: a 403 on reputation, a 404 whois, while the host still answers', async () => {
    server = await startGraphServer();
    server.setFault('/reputation', { kind: 'status', status: 403, json: errorJson('accessDenied', 'Insufficient privileges.') });
    const { client } = realClient(server.url);
    const rep = await errorOf(client.hostSection({ kind: 'reputation', host: '198.51.100.23' }));
    expect(rep).toMatchObject({ kind: 'forbidden', status: 403, code: 'accessDenied', field: 'reputation' });
    const whois = await errorOf(client.hostSection({ kind: 'whois', host: '198.51.100.23' }));
    expect(whois).toMatchObject({ kind: 'notFound', status: 404, field: 'whois' });
    const host = await client.hostSection({ kind: 'host', host: '198.51.100.23' });
    expect(host.kind).toBe('host');
  });

  it('waits out a 429 with Retry-After on a section, as lookups do', async () => {
    server = await startGraphServer();
    server.setFault('/whois', { kind: 'throttle', status: 429, retryAfter: 3 }, 1);
    const { client, sleeps } = realClient(server.url);
    const w = await client.hostSection({ kind: 'whois', host: 'mail.northwind.example' });
    expect(w.kind).toBe('whois');
    expect(sleeps).toEqual([3000]);
  });

  it('makes no call the configured national cloud does not offer', async () => {
    server = await startGraphServer();
    const { client } = realClient(server.url, { cloud: 'usGovL4' });
    for (const kind of ['reputation', 'passiveDns', 'passiveDnsReverse'] as const) {
      const e = await errorOf(client.hostSection({ kind, host: '203.0.113.10' }));
      expect(e).toMatchObject({ kind: 'notConfigured', code: ERROR_CODES.ENDPOINT_NOT_IN_CLOUD, field: kind });
    }
    expect(server.requests).toEqual([]);
    const host = await client.hostSection({ kind: 'host', host: '203.0.113.10' });
    expect(host.kind).toBe('host');
    expect(server.requests.length).toBe(1);
  });
});
