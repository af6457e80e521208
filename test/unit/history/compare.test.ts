import { describe, expect, it } from 'vitest';
import type { SnapshotInput } from '../../../src-main/core/history';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from './helpers';

describe('compare', () => {
  it('reports banners added, removed and changed, service versions, certificate and field changes', async () => {
    const store = await openStore(tempDir());
    const before: SnapshotInput = makeSnapshot(0, { hostPorts: 1 });
    const after: SnapshotInput = structuredClone(makeSnapshot(1, { hostPorts: 1 }));
    const hp = structuredClone(before.hostPort);
    hp.banners = [
      { banner: 'kept', scanProtocol: 'https', firstSeen: { raw: 'a', ms: null }, lastSeen: { raw: 'b', ms: null }, timesObserved: 1 },
      { banner: 'seen again', scanProtocol: 'https', firstSeen: { raw: 'a', ms: null }, lastSeen: { raw: 'b', ms: null }, timesObserved: 1 },
      { banner: 'gone', scanProtocol: 'https', firstSeen: { raw: 'a', ms: null }, lastSeen: { raw: 'b', ms: null }, timesObserved: 1 },
    ];
    const svc = hp.services[0]!;
    hp.services = [
      { ...svc, component: { ...svc.component!, name: 'nginx', category: 'Web servers', version: '1.18.0' } },
      { ...svc, component: { ...svc.component!, name: 'jQuery', category: 'JavaScript libraries', version: '3.5.1' } },
    ];
    const stamp = { raw: null, ms: null };
    const entity = { commonName: 'example.org', alternateNames: [], organizationName: null, organizationUnitName: null, email: null, givenName: null, surname: null, serialNumber: null, address: null };
    hp.certificate = { id: 'cert-1', sha1: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', fingerprint: null, serialNumber: '01', issueDate: stamp, expirationDate: stamp, firstSeen: stamp, lastSeen: stamp, issuer: entity, subject: entity, referenceOnly: false };
    hp.status = 'open';
    const hp2 = structuredClone(hp);
    hp2.banners = [hp.banners[0]!, { ...hp.banners[1]!, lastSeen: { raw: 'c', ms: null }, timesObserved: 5 }, { ...hp.banners[0]!, banner: 'new', scanProtocol: 'ssh' }];
    hp2.services = [{ ...hp.services[0]!, component: { ...hp.services[0]!.component!, version: '1.24.0' } }, { ...svc, component: { ...svc.component!, name: 'PHP', category: 'Programming languages', version: '8.2' } }];
    hp2.certificate = { ...hp.certificate!, sha1: 'ffffffffffffffffffffffffffffffffffffffff' };
    hp2.status = 'closed';
    const a = await store.save({ ...before, hostPort: hp });
    const b = await store.save({ ...after, hostPortId: before.hostPortId, hostPort: hp2 });

    const diff = await store.compare(a.id, b.id);
    expect(diff.before.id).toBe(a.id);
    expect(diff.after.id).toBe(b.id);
    expect(diff.banners.added.map((x) => x.banner)).toEqual(['new']);
    expect(diff.banners.removed.map((x) => x.banner)).toEqual(['gone']);
    expect(diff.banners.changed.map((c) => [c.before.timesObserved, c.after.timesObserved])).toEqual([[1, 5]]);
    expect(diff.services.added.map((s) => s.component?.name)).toEqual(['PHP']);
    expect(diff.services.removed.map((s) => s.component?.name)).toEqual(['jQuery']);
    expect(diff.services.versionChanged.map((c) => [c.before.component?.version, c.after.component?.version])).toEqual([['1.18.0', '1.24.0']]);
    expect(diff.certificate.changed).toBe(true);
    expect(diff.fields).toContainEqual({ field: 'status', before: 'open', after: 'closed' });
    expect(diff.fields.find((f) => f.field === 'bannerCount')).toBeUndefined();

    const same = await store.compare(a.id, a.id);
    expect([same.banners.added, same.banners.removed, same.banners.changed, same.fields]).toEqual([[], [], [], []]);
    expect(same.certificate.changed).toBe(false);
  });

  it('refuses to compare snapshots of different hostPorts', async () => {
    const store = await openStore(tempDir());
    const a = await store.save(makeSnapshot(0, { hostPorts: 2 }));
    const b = await store.save(makeSnapshot(1, { hostPorts: 2 }));
    await expect(store.compare(a.id, b.id)).rejects.toMatchObject({ error: { kind: 'invalidInput' } });
  });
});
