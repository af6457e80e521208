// The History list's order, why a row matched a search, each snapshot's change since the previous one, and the
// ids an export of "what the list shows" covers.
import { describe, expect, it } from 'vitest';
import type { SnapshotInput } from '../../../src-main/core/history';
import { excerpt } from '../../../src-main/core/history/search-snippet';
import { selectedHostPorts } from '../../../src-main/core/service/history-selection';
import { makeSnapshot } from '../../support/snapshots';
import { openStore, tempDir } from './helpers';

function entry(id: string, patch: { host: string; port: number; status?: string; savedAt: string; banners?: string[]; service?: [string, string] }): SnapshotInput {
  const base = makeSnapshot(0, { hostPorts: 1 });
  const hp = structuredClone(base.hostPort);
  hp.id = id;
  hp.port = patch.port;
  hp.status = patch.status ?? 'open';
  hp.banners = (patch.banners ?? ['plain banner']).map((banner) => ({ ...base.hostPort.banners[0]!, banner }));
  const svc = base.hostPort.services[0]!;
  hp.services = [{ ...svc, component: { ...svc.component!, name: patch.service?.[0] ?? 'nginx', version: patch.service?.[1] ?? '1.24.0' } }];
  hp.certificate = null;
  return { ...base, hostPortId: id, host: patch.host, port: patch.port, hostPort: hp, savedAt: patch.savedAt };
}

async function seeded() {
  const store = await openStore(tempDir());
  await store.save(entry('b', { host: 'bravo.example.test', port: 443, status: 'closed', savedAt: '2024-03-02T10:00:00Z' }));
  await store.save(entry('a', { host: 'alpha.example.test', port: 8443, status: 'open', savedAt: '2024-03-01T10:00:00Z' }));
  await store.save(entry('c', { host: 'charlie.example.test', port: 22, status: 'filtered', savedAt: '2024-03-03T10:00:00Z', banners: ['SSH-2.0-OpenSSH_9.3 <img src=x onerror=alert(1)>'] }));
  return store;
}

const order = (page: { items: { hostPortId: string }[] }): string[] => page.items.map((i) => i.hostPortId);

describe('history list order', () => {
  it('sorts by host, port, status and last saved, both ways, and pages in that order', async () => {
    const store = await seeded();
    expect(order(await store.list({}))).toEqual(['c', 'b', 'a']);
    expect(order(await store.list({ sort: 'host', order: 'asc' }))).toEqual(['a', 'b', 'c']);
    expect(order(await store.list({ sort: 'host', order: 'desc' }))).toEqual(['c', 'b', 'a']);
    expect(order(await store.list({ sort: 'port', order: 'asc' }))).toEqual(['c', 'b', 'a']);
    expect(order(await store.list({ sort: 'port', order: 'desc' }))).toEqual(['a', 'b', 'c']);
    expect(order(await store.list({ sort: 'status', order: 'asc' }))).toEqual(['b', 'c', 'a']);
    expect(order(await store.list({ sort: 'saved', order: 'asc' }))).toEqual(['a', 'b', 'c']);
    const second = await store.list({ sort: 'port', order: 'asc', offset: 1, limit: 1 });
    expect(order(second)).toEqual(['b']);
    expect(second.total).toBe(3);
  });

  it('keeps pinned rows on top only in the default order', async () => {
    const store = await seeded();
    await store.setMeta({ hostPortId: 'a', pinned: true });
    expect(order(await store.list({}))[0]).toBe('a');
    expect(order(await store.list({ sort: 'port', order: 'asc' }))).toEqual(['c', 'b', 'a']);
  });

  it('refuses an unknown sort key as invalid input', async () => {
    const store = await seeded();
    await expect(store.list({ sort: 'banner' as never })).rejects.toMatchObject({ error: { kind: 'invalidInput' } });
  });
});

describe('why a row matched', () => {
  it('shows the matching banner text in its original case with the match marked, as plain data', async () => {
    const store = await seeded();
    await store.searchReady();
    const page = await store.list({ text: 'openssh_9' });
    expect(order(page)).toEqual(['c']);
    const match = page.items[0]!.match!;
    expect(match.field).toBe('banner');
    expect(match.segments.filter((s) => s.marked).map((s) => s.text)).toEqual(['OpenSSH_9']);
    expect(match.segments.map((s) => s.text).join('')).toBe('SSH-2.0-OpenSSH_9.3 <img src=x onerror=alert(1)>');
  });

  it('names a tag or note when that is what matched, and gives no match without a search', async () => {
    const store = await seeded();
    await store.setMeta({ hostPortId: 'b', note: 'Seen in the Phishing case last week' });
    const page = await store.list({ text: 'phishing' });
    expect(page.items[0]!.match).toEqual({
      field: 'note',
      segments: [
        { text: 'Seen in the ', marked: false },
        { text: 'Phishing', marked: true },
        { text: ' case last week', marked: false },
      ],
    });
    expect((await store.list({})).items.every((i) => i.match === undefined)).toBe(true);
  });

  it('cuts long text around the first match and marks every term inside the excerpt', () => {
    const text = `${'x'.repeat(100)} Server: nginx/1.24.0 behind nginx ${'y'.repeat(100)}`;
    const segs = excerpt(text, ['nginx', 'server'])!;
    expect(segs[0]).toEqual({ text: '…', marked: false });
    expect(segs.at(-1)).toEqual({ text: '…', marked: false });
    expect(segs.filter((s) => s.marked).map((s) => s.text)).toEqual(['Server', 'nginx', 'nginx']);
    expect(excerpt('nothing here', ['nginx'])).toBeNull();
  });
});

describe('changed since the previous snapshot', () => {
  it('marks each snapshot with what changed, "no change", and the first as having no previous', async () => {
    const store = await openStore(tempDir());
    await store.save(entry('h', { host: 'h.example.test', port: 443, savedAt: '2024-03-01T10:00:00Z', banners: ['one', 'two'] }));
    await store.save(entry('h', { host: 'h.example.test', port: 443, savedAt: '2024-03-02T10:00:00Z', banners: ['one', 'two'] }));
    await store.save(entry('h', { host: 'h.example.test', port: 443, savedAt: '2024-03-03T10:00:00Z', banners: ['one', 'three', 'four'], service: ['nginx', '1.25.3'] }));
    const [newest, middle, oldest] = await store.snapshots('h');
    expect(newest!.change).toMatchObject({ hasPrevious: true, changed: true, bannersAdded: 2, bannersRemoved: 1, servicesChanged: 1, certificateChanged: false, fields: [] });
    expect(middle!.change).toMatchObject({ hasPrevious: true, changed: false, bannersAdded: 0, bannersRemoved: 0 });
    expect(oldest!.change).toMatchObject({ hasPrevious: false, changed: false });
  });

  it('reports a status change as a changed field', async () => {
    const store = await openStore(tempDir());
    await store.save(entry('s', { host: 's.example.test', port: 80, status: 'open', savedAt: '2024-03-01T10:00:00Z' }));
    await store.save(entry('s', { host: 's.example.test', port: 80, status: 'closed', savedAt: '2024-03-02T10:00:00Z' }));
    const [newest] = await store.snapshots('s');
    expect(newest!.change).toMatchObject({ changed: true, fields: ['status'] });
  });
});

describe('export what the list shows', () => {
  it('resolves a search and filters to exactly the host ports the list shows, in its order', async () => {
    const store = await seeded();
    expect(await store.matchingIds({ text: 'example.test', sort: 'port', order: 'asc' })).toEqual(['c', 'b', 'a']);
    expect(await store.matchingIds({ status: 'closed' })).toEqual(['b']);
    expect(await selectedHostPorts(store, { query: { text: 'openssh' } })).toEqual(['c']);
    expect(await selectedHostPorts(store, {})).toBeUndefined();
    // A history port without matchingIds is paged through with the same query.
    const paged = { list: store.list.bind(store) };
    expect(await selectedHostPorts(paged, { query: { text: 'bravo' } })).toEqual(['b']);
  });
});
