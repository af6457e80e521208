import { describe, expect, it } from 'vitest';
import type { SnapshotInput } from '../../../src-main/core/history';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from './helpers';

/** A snapshot with hand-picked text so each search below has exactly one right answer. */
function crafted(id: string, patch: { banner?: string; service?: [string, string]; cn?: string; status?: string; protocol?: string; port?: number; savedAt?: string }): SnapshotInput {
  const base = makeSnapshot(0, { hostPorts: 1 });
  const hp = structuredClone(base.hostPort);
  hp.id = id;
  hp.banners = [{ ...hp.banners[0]!, banner: patch.banner ?? 'plain banner' }];
  hp.services = [{ ...base.hostPort.services[0]!, component: { ...base.hostPort.services[0]!.component!, name: patch.service?.[0] ?? 'Nothing', version: patch.service?.[1] ?? '0' } }];
  const stamp = { raw: null, ms: null };
  const entity = (cn: string, alt: string[]) => ({ commonName: cn, alternateNames: alt, organizationName: 'Org', organizationUnitName: null, email: null, givenName: null, surname: null, serialNumber: null, address: null });
  hp.certificate = patch.cn
    ? { id: `cert-${id}`, sha1: null, fingerprint: null, serialNumber: null, issueDate: stamp, expirationDate: stamp, firstSeen: stamp, lastSeen: stamp, issuer: entity('Test CA', []), subject: entity(patch.cn, [`alt.${patch.cn}`]), referenceOnly: false }
    : null;
  hp.status = patch.status ?? 'open';
  hp.protocol = patch.protocol ?? 'tcp';
  return { ...base, hostPortId: id, host: `${id}.example.test`, port: patch.port ?? 443, hostPort: hp, savedAt: patch.savedAt ?? base.savedAt };
}

async function seeded() {
  const store = await openStore(tempDir());
  await store.save(crafted('alpha', { banner: 'SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5', service: ['OpenSSH', '8.2p1'], port: 22, savedAt: '2024-03-01T10:00:00Z' }));
  await store.save(crafted('bravo', { banner: 'HTTP/1.1 200 OK\r\nServer: nginx/1.24.0', service: ['WordPress', '6.4.2'], cn: 'shop.fabrikam.net', savedAt: '2024-03-05T10:00:00Z' }));
  await store.save(crafted('charlie', { banner: '220 mx1.contoso.com Microsoft ESMTP MAIL Service ready', service: ['Postfix', '3.6.4'], status: 'filtered', protocol: 'udp', port: 25, savedAt: '2024-03-09T10:00:00Z' }));
  return store;
}

const ids = (page: { items: { hostPortId: string }[] }): string[] => page.items.map((i) => i.hostPortId).sort();

describe('history search', () => {
  it('matches banner text, service names and versions, certificate names, host and port, case-insensitively', async () => {
    const store = await seeded();
    expect(ids(await store.list({ text: 'openssh_8.2P1' }))).toEqual(['alpha']);
    expect(ids(await store.list({ text: 'microsoft esmtp' }))).toEqual(['charlie']);
    expect(ids(await store.list({ text: '"mx1.contoso.com microsoft"' }))).toEqual(['charlie']);
    expect(ids(await store.list({ text: '"contoso.com ready"' }))).toEqual([]);
    expect(ids(await store.list({ text: 'wordpress 6.4' }))).toEqual(['bravo']);
    expect(ids(await store.list({ text: '3.6.4' }))).toEqual(['charlie']);
    expect(ids(await store.list({ text: 'shop.fabrikam' }))).toEqual(['bravo']);
    expect(ids(await store.list({ text: 'alt.shop' }))).toEqual(['bravo']);
    expect(ids(await store.list({ text: 'alpha.example.test' }))).toEqual(['alpha']);
    expect(ids(await store.list({ text: '25' }))).toContain('charlie');
    expect((await store.list({ text: 'no-such-thing-anywhere' })).total).toBe(0);
  });

  it('matches tags and notes, and forgets text of a deleted snapshot', async () => {
    const store = await seeded();
    await store.setMeta({ hostPortId: 'alpha', tags: ['Incident-42'], note: 'Jump host seen in the phishing case' });
    expect(ids(await store.list({ text: 'incident-42' }))).toEqual(['alpha']);
    expect(ids(await store.list({ text: 'phishing' }))).toEqual(['alpha']);
    const only = (await store.snapshots('bravo'))[0]!;
    await store.delete({ snapshotId: only.id });
    expect((await store.list({ text: 'wordpress' })).total).toBe(0);
  });

  it('keeps search working after a reopen, before and after the journal is compacted', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { tuning: { journalMaxRecords: 2, searchLoadDelayMs: -1 } });
    await store.save(crafted('alpha', { banner: 'SSH-2.0-dropbear_2020.81' }));
    await store.save(crafted('bravo', { banner: '220 (vsFTPd 3.0.3)' })); // triggers a compaction
    await store.save(crafted('charlie', { banner: 'HTTP/1.1 403 Forbidden\r\nServer: LiteSpeed' })); // journal only
    await store.close();
    const again = await openStore(dir);
    expect(ids(await again.list({ text: 'dropbear' }))).toEqual(['alpha']);
    expect(ids(await again.list({ text: 'vsftpd' }))).toEqual(['bravo']);
    expect(ids(await again.list({ text: 'litespeed' }))).toEqual(['charlie']);
  });
});

describe('history filters', () => {
  it('filters by status, protocol, port, tag and date range, and combines them with search', async () => {
    const store = await seeded();
    expect(ids(await store.list({ status: 'FILTERED' }))).toEqual(['charlie']);
    expect(ids(await store.list({ protocol: 'tcp' }))).toEqual(['alpha', 'bravo']);
    expect(ids(await store.list({ port: 22 }))).toEqual(['alpha']);
    await store.setMeta({ hostPortId: 'bravo', tags: ['prod', 'web'] });
    expect(ids(await store.list({ tag: 'WEB' }))).toEqual(['bravo']);
    expect(ids(await store.list({ from: '2024-03-04', to: '2024-03-09' }))).toEqual(['bravo', 'charlie']);
    expect(ids(await store.list({ to: '2024-03-01' }))).toEqual(['alpha']);
    expect(ids(await store.list({ from: '2024-03-06T00:00:00Z' }))).toEqual(['charlie']);
    expect(ids(await store.list({ protocol: 'tcp', text: 'nginx' }))).toEqual(['bravo']);
    await expect(store.list({ from: 'yesterday-ish' })).rejects.toMatchObject({ error: { kind: 'invalidInput' } });
  });
});

describe('one host port by id', () => {
  it('returns exactly that host port with its note, tags and pin, and nothing for an unknown id', async () => {
    const store = await seeded();
    await store.setMeta({ hostPortId: 'bravo', note: 'seen in incident 42', tags: ['prod'], pinned: true });
    const page = await store.list({ hostPortId: 'bravo' });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ hostPortId: 'bravo', note: 'seen in incident 42', tags: ['prod'], pinned: true, snapshotCount: 1 });
    // An id is matched whole, never as a search term: 'bra' is not 'bravo'.
    expect((await store.list({ hostPortId: 'bra' })).total).toBe(0);
    expect(ids(await store.list({ hostPortId: 'alpha', port: 22 }))).toEqual(['alpha']);
    expect(ids(await store.list({ hostPortId: 'alpha', port: 25 }))).toEqual([]);
  });
});

