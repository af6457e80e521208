// The per-cloud endpoint table and the tolerant reading of host endpoint bodies.
import { describe, expect, it } from 'vitest';
import { ENDPOINT_CLOUDS, endpointAvailable } from '../../../src-main/core/graph/endpoint-clouds';
import { parsePassiveDns, parseReputation, parseWhois } from '../../../src-main/core/graph/host-section-parse';
import { HostSectionRequest } from '../../../src-shared/host-section-contract';
import { parseRequest } from '../../../src-shared/contract';

describe('endpoint availability per cloud', () => {
  it('keeps reputation and passive DNS to the global cloud, as Microsoft documents', () => {
    expect(endpointAvailable('reputation', 'global')).toBe(true);
    for (const cloud of ['usGovL4', 'usGovL5', 'china'] as const) {
      expect(endpointAvailable('reputation', cloud)).toBe(false);
      expect(endpointAvailable('passiveDns', cloud)).toBe(false);
      expect(endpointAvailable('passiveDnsReverse', cloud)).toBe(false);
      expect(endpointAvailable('host', cloud)).toBe(true);
      expect(endpointAvailable('whois', cloud)).toBe(true);
    }
    expect(Object.keys(ENDPOINT_CLOUDS).sort()).toEqual(['host', 'passiveDns', 'passiveDnsReverse', 'relatedHosts', 'reputation', 'whois']);
    expect(endpointAvailable('reputation', 'custom')).toBe(true);
  });
});

describe('reading host endpoint bodies', () => {
  it('keeps a classification it does not know and tolerates mistyped rules', () => {
    const r = parseReputation({ classification: 'catastrophic', score: '90', rules: [{ name: 'x', severity: 'extreme' }, 'junk', null] });
    expect(r).toEqual({ classification: 'catastrophic', score: null, rules: [{ name: 'x', severity: 'extreme', description: null, relatedDetailsUrl: null }] });
  });

  it('reads whois contacts by role, name servers by host id, and an invalid date as raw text', () => {
    const w = parseWhois({
      registrant: { name: 'A', organization: 'B', email: null, address: { city: 'C' } },
      nameservers: [{ host: { id: 'ns1.example' } }, { host: null }, 'ns2.example'],
      expirationDateTime: '2026-17-01T00:00:00Z',
    });
    expect(w.contacts).toEqual({ registrant: { name: 'A', organization: 'B', email: null, telephone: null, fax: null, address: { city: 'C' } } });
    expect(w.nameservers).toEqual(['ns1.example', 'ns2.example']);
    expect(w.expiration).toEqual({ raw: '2026-17-01T00:00:00Z', ms: null });
  });

  it('reads a passive DNS record with its artifact and parent host', () => {
    expect(parsePassiveDns({ id: 'r', recordType: 'A', artifact: { '@odata.type': 't', id: '192.0.2.1' }, parentHost: { id: 'a.example' } })).toMatchObject({
      recordType: 'A',
      artifact: '192.0.2.1',
      artifactType: 't',
      parentHost: 'a.example',
    });
    expect(parsePassiveDns('x')).toBeNull();
  });
});

describe('the host:section request', () => {
  it('accepts each kind and refuses a bad host, an unknown kind and extra keys', () => {
    expect(HostSectionRequest.safeParse({ kind: 'whois', host: 'mail.northwind.example' }).success).toBe(true);
    expect(HostSectionRequest.safeParse({ kind: 'relatedHosts', certificateId: 'abc' }).success).toBe(true);
    expect(parseRequest('host:section', { kind: 'whois', host: 'not a host!' }).ok).toBe(false);
    expect(parseRequest('host:section', { kind: 'cookies', host: 'a.example' }).ok).toBe(false);
    expect(parseRequest('host:section', { kind: 'host', host: 'a.example', url: 'x' }).ok).toBe(false);
  });
});
