// Saved host contexts for history tests: a port list, reputation, host details, and paged passive DNS.
import type { HostPortEntryView, HostSectionView, PassiveDnsRecordView, SnapshotContextView } from '../../src-shared/host-views';

const stamp = (raw: string) => ({ raw, ms: Date.parse(raw) });

export function portEntry(port: number, protocol = 'tcp', status = 'open'): HostPortEntryView {
  return { id: `id-${port}-${protocol}`, port, protocol, status, lastSeen: stamp('2026-01-01T00:00:00Z') };
}

export function reputationSection(classification: string, score: number, fetchedAt: string, rules: string[] = []): HostSectionView {
  return {
    kind: 'reputation',
    fetchedAt,
    reputation: { classification, score, rules: rules.map((name) => ({ name, severity: 'high', description: `${name} seen`, relatedDetailsUrl: null })) },
  };
}

export function hostSection(host: string, fetchedAt: string): HostSectionView {
  return {
    kind: 'host',
    fetchedAt,
    host: {
      id: host,
      odataType: '#microsoft.graph.security.ipAddress',
      firstSeen: stamp('2020-01-01T00:00:00Z'),
      lastSeen: stamp('2026-01-01T00:00:00Z'),
      details: { autonomousSystem: { number: 64500, name: 'EXAMPLE-AS' }, countryOrRegion: 'DE' },
    },
  };
}

export function dnsRecord(name: string, artifact = '203.0.113.7'): PassiveDnsRecordView {
  return {
    id: `${name}-${artifact}`,
    recordType: 'A',
    artifact,
    artifactType: 'ipAddress',
    parentHost: name,
    collected: stamp('2025-12-01T00:00:00Z'),
    firstSeen: stamp('2025-01-01T00:00:00Z'),
    lastSeen: stamp('2025-12-01T00:00:00Z'),
  };
}

export function dnsPage(names: string[], fetchedAt: string, nextLink: string | null): HostSectionView {
  return { kind: 'passiveDns', fetchedAt, records: names.map((n) => dnsRecord(n)), nextLink };
}

export function context(host: string, ports: HostPortEntryView[], sections: SnapshotContextView['sections'] = {}): SnapshotContextView {
  return { portList: { host, entries: ports }, sections };
}
