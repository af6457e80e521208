// STIX 2.1 export: name-based UUIDs (RFC 4122 v5), the spec's deterministic observable ids, and bundles of saved
// snapshots that pass the official OASIS STIX 2.1 schemas plus the spec checks in test/support/stix-validator.ts.
import { describe, expect, it } from 'vitest';
import type { SnapshotView } from '../../../src-shared/views';
import { buildStixBundle } from '../../../src-main/core/stix/bundle';
import { canonicalJson } from '../../../src-main/core/stix/canonical-json';
import { scoId, STIX_SCO_NAMESPACE } from '../../../src-main/core/stix/ids';
import { uuidV5 } from '../../../src-main/core/stix/uuid-v5';
import { makeSnapshot } from '../../support/snapshots';
import { validateStixBundle } from '../../support/stix-validator';

const snapshot = (i: number, opts = {}): SnapshotView => ({ ...makeSnapshot(i, { hostPorts: 3, ...opts }), id: `snap-${i}` }) as SnapshotView;
const byType = (b: { objects: { type: string; id: string }[] }, t: string) => b.objects.filter((o) => o.type === t);

describe('uuidV5', () => {
  it('matches RFC 4122 reference values', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('{"value":"198.51.100.3"}', STIX_SCO_NAMESPACE)).toBe('28bb3599-77cd-5a82-a950-b5bc3caf07c4');
  });
  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(TypeError);
  });
});

describe('deterministic ids', () => {
  it('canonical JSON sorts keys and drops undefined', () => {
    expect(canonicalJson({ version: '8.2p1', name: 'OpenSSH', x: undefined })).toBe('{"name":"OpenSSH","version":"8.2p1"}');
    expect(canonicalJson({ b: [1, { d: 'é', c: null }], a: true })).toBe('{"a":true,"b":[1,{"c":null,"d":"é"}]}');
  });
  it('observable ids use only their ID-contributing properties', () => {
    expect(scoId('software', { name: 'OpenSSH', version: '8.2p1', x_portolan_category: 'Remote access' })).toBe('software--8f4dc2d9-33c2-55fb-9c40-d427bcf1869e');
    expect(scoId('ipv4-addr', { value: '198.51.100.3' })).toBe('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
  });
});

describe('buildStixBundle', () => {
  const input = [
    { snapshots: [snapshot(0), snapshot(3)], note: 'Seen in the phishing campaign of week 23.', tags: ['campaign-23', 'triage'] },
    { snapshots: [snapshot(1)], note: '', tags: [] },
    { snapshots: [snapshot(2)], note: '', tags: ['watch'] },
  ];

  it('produces a valid STIX 2.1 bundle with observed-data wrapping the observables', () => {
    const bundle = buildStixBundle(input);
    expect(validateStixBundle(bundle)).toEqual([]);
    expect(byType(bundle, 'observed-data')).toHaveLength(4);
    expect(byType(bundle, 'network-traffic').length).toBeGreaterThanOrEqual(3);
    expect(byType(bundle, 'software').length).toBeGreaterThan(0);
    expect(byType(bundle, 'ipv4-addr').length + byType(bundle, 'domain-name').length + byType(bundle, 'ipv6-addr').length).toBeGreaterThanOrEqual(3);
  });

  it('writes the analyst note and tags as a note over that host port’s observed-data', () => {
    const bundle = buildStixBundle(input);
    const notes = byType(bundle, 'note') as unknown as { content: string; labels?: string[]; object_refs: string[] }[];
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({ content: 'Seen in the phishing campaign of week 23.', labels: ['campaign-23', 'triage'] });
    expect(notes[0]?.object_refs).toHaveLength(2);
    expect(notes[1]).toMatchObject({ content: 'Tags: watch', labels: ['watch'] });
  });

  it('is byte-identical when exported again, so a platform does not store duplicates', () => {
    expect(JSON.stringify(buildStixBundle(input))).toBe(JSON.stringify(buildStixBundle(structuredClone(input))));
  });

  it('shares observables between snapshots of the same host port and keeps ids apart when content differs', () => {
    const a = buildStixBundle([{ snapshots: [snapshot(0)], note: '', tags: [] }]);
    const b = buildStixBundle([{ snapshots: [snapshot(3)], note: '', tags: [] }]);
    const traffic = (x: typeof a) => byType(x, 'network-traffic').map((o) => o.id);
    expect(traffic(a)).toEqual(traffic(b));
    expect(a.id).not.toBe(b.id);
  });

  it('maps IPv6 hosts, hostnames, certificates and odd data to valid objects', () => {
    const v6 = snapshot(0);
    v6.host = '2001:db8::10';
    v6.hostPort = { ...v6.hostPort, host: v6.hostPort.host && { ...v6.hostPort.host, id: '2001:db8::10' }, protocol: 'unknownFutureValue', timesObserved: 0, firstSeen: { raw: '2016-17-13T08:43:41.00Z', ms: null } };
    const bundle = buildStixBundle([{ snapshots: [v6], note: 'x', tags: [] }]);
    expect(validateStixBundle(bundle)).toEqual([]);
    expect(byType(bundle, 'ipv6-addr')).toEqual([expect.objectContaining({ value: '2001:db8::10' })]);
    expect(byType(bundle, 'network-traffic')).toEqual([expect.objectContaining({ protocols: ['unknown'] })]);
    expect(byType(bundle, 'observed-data')).toEqual([expect.objectContaining({ number_observed: 1 })]);
    const certs = buildStixBundle([{ snapshots: [0, 1, 2, 3, 4, 5].map((i) => snapshot(i)), note: '', tags: [] }]);
    expect(byType(certs, 'x509-certificate').length).toBeGreaterThan(0);
    expect(validateStixBundle(certs)).toEqual([]);
  });
});

describe('the validator', () => {
  const good = () => structuredClone(buildStixBundle([{ snapshots: [0, 1, 2, 3, 4, 5].map((i) => snapshot(i)), note: 'n', tags: ['t'] }])) as unknown as { id: string; objects: Record<string, unknown>[] };
  const first = (b: ReturnType<typeof good>, type: string) => b.objects.find((o) => o.type === type)!;

  it('holds every object to its OASIS schema and names the object and property that fail', () => {
    const broken = good();
    expect(validateStixBundle(broken)).toEqual([]);
    const traffic = first(broken, 'network-traffic');
    delete traffic.protocols;
    traffic.dst_port = 70000;
    first(broken, 'ipv4-addr').value = '198.51.100.300';
    first(broken, 'x509-certificate').hashes = { 'SHA-1': 'not hex' };
    first(broken, 'observed-data').number_observed = 0;
    delete first(broken, 'note').content;
    first(broken, 'software').spec_version = '2.0.1';
    first(broken, 'domain-name').x_portolan_note = undefined;
    const problems = validateStixBundle(broken).join('\n');
    expect(problems).toContain(`${String(traffic.id)}: must have required property 'protocols'`);
    expect(problems).toContain(`${String(traffic.id)}/dst_port: must be <= 65535`);
    expect(problems).toMatch(/ipv4-addr--[0-9a-f-]{36}\/value: must match pattern/);
    expect(problems).toMatch(/x509-certificate--[0-9a-f-]{36}\/hashes\/SHA-1: must match pattern/);
    expect(problems).toMatch(/observed-data--[0-9a-f-]{36}\/number_observed: must be >= 1/);
    expect(problems).toMatch(/note--[0-9a-f-]{36}: must have required property 'content'/);
    expect(problems).toMatch(/software--[0-9a-f-]{36}\/spec_version: must be equal to one of the allowed values \["2.0","2.1"\]/);
    // A failed anyOf reads as one line listing what its alternatives wanted.
    expect(problems).toMatch(/domain-name--[0-9a-f-]{36}\/x_portolan_note: must match a schema in anyOf: must be array; must be string; .+ \(#\/patternProperties/);
  });

  it('checks the bundle itself against bundle.json', () => {
    const broken = good();
    broken.id = 'bundle--not-a-uuid';
    expect(validateStixBundle(broken)).toEqual([expect.stringMatching(/^bundle\/id: must match pattern/)]);
    expect(validateStixBundle({ type: 'bundle', id: good().id, objects: [] }).join('\n')).toMatch(/^bundle\/objects: must NOT have fewer than 1 items/);
  });

  it('adds the spec rules the schemas cannot express', () => {
    const broken = good();
    const od = first(broken, 'observed-data');
    od.object_refs = ['ipv4-addr--00000000-0000-5000-8000-000000000000'];
    [od.first_observed, od.last_observed] = [od.last_observed, '2001-01-01T00:00:00.000Z'];
    first(broken, 'software').x_portolan_category = 'fine';
    first(broken, 'software').category = 'not a software property';
    first(broken, 'ipv4-addr').created = '2024-01-01T00:00:00.000Z';
    const problems = validateStixBundle(broken);
    expect(problems.join('\n')).toMatch(/does not resolve inside the bundle/);
    expect(problems.join('\n')).toMatch(/last_observed is before first_observed/);
    expect(problems.join('\n')).toMatch(/category is neither a software property nor a custom x_ property/);
    expect(problems.join('\n')).toMatch(/cyber-observables have no created\/modified/);
    expect(problems.join('\n')).not.toMatch(/x_portolan_category/);
  });
});
