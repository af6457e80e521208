import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { HistoryPageView, LookupResultView, SnapshotMetaView, SnapshotView } from '../../../src-shared/contract';
import { FakeApi, err, ok } from '../../../test/support/fake-renderer-api';
import { EntryState } from './entry-state.svelte';

let api = new FakeApi();
vi.mock('../../lib/api', () => ({ call: (c: never, r: never) => api.call(c, r), newRequestId: () => api.newRequestId() }));

const ID = 'example.com:443';
const meta = (id: string, savedAt: string): SnapshotMetaView => ({ id, hostPortId: ID, savedAt, status: 'open', bannerCount: 0, serviceCount: 0 });
const snap = (id: string): SnapshotView => ({ id, hostPortId: ID }) as SnapshotView;
const LIST = [meta('s3', '2026-03-01T00:00:00Z'), meta('s2', '2026-02-01T00:00:00Z'), meta('s1', '2026-01-01T00:00:00Z')];

beforeEach(() => {
  api = new FakeApi();
  api.on('history:snapshots', () => ok(LIST)).on('history:get', (r) => ok(snap(r.snapshotId)));
  api.on('history:setMeta', () => ok({}) as never);
});

describe('EntryState', () => {
  test('load lists the snapshots, shows the newest, and reads note, tags and pin when not handed them', async () => {
    api.on('history:list', () => ok({ items: [{ hostPortId: ID, note: 'seen before', tags: ['prod'], pinned: true }], total: 1 } as unknown as HistoryPageView));
    const s = new EntryState(ID, null);
    expect(s.loading).toBe(true);
    await s.load();
    expect(s.snapshots.map((x) => x.id)).toEqual(['s3', 's2', 's1']);
    expect(s.current?.id).toBe('s3');
    expect(s.loading).toBe(false);
    expect(s.meta).toEqual({ note: 'seen before', tags: ['prod'], pinned: true });
    expect(s.draftNote).toBe('seen before');
  });

  test('only the snapshot asked for last is shown when answers cross', async () => {
    const s = new EntryState(ID, { note: '', tags: [], pinned: false });
    api.hold('history:get');
    const first = s.show('s1');
    const second = s.show('s2');
    const [a, b] = api.held('history:get');
    b?.answer(ok(snap('s2')));
    await second;
    a?.answer(ok(snap('s1')));
    await first;
    expect(s.current?.id).toBe('s2');
  });

  test('a snapshot main could not read makes the list be read again', async () => {
    const s = new EntryState(ID, { note: '', tags: [], pinned: false });
    api.on('history:get', () => err({ kind: 'notFound', message: 'gone' }));
    await s.show('s9');
    expect(s.error?.kind).toBe('notFound');
    await vi.waitFor(() => expect(s.snapshots).toHaveLength(3));
  });

  test('Refresh shows a saved result as the newest snapshot, and an unsaved one beside the history', async () => {
    const s = new EntryState(ID, { note: '', tags: [], pinned: false });
    api.on('lookup:run', () => ok({ snapshotId: 's3' } as LookupResultView));
    await s.refresh();
    expect(api.requests('lookup:run')[0]).toMatchObject({ hostPortId: ID, expandCertificate: true });
    expect(s.current?.id).toBe('s3');
    expect(s.unsaved).toBeNull();
    api.on('lookup:run', () => ok({ snapshotId: null } as LookupResultView));
    await s.refresh();
    expect(s.unsaved).not.toBeNull();
    api.on('lookup:run', () => err({ kind: 'offline', message: 'no network' }));
    await s.refresh();
    expect(s.refreshError?.kind).toBe('offline');
    expect(s.refreshing).toBe(false);
  });

  test("Refresh of a snapshot that kept its host's port list reads the list again and marks the new snapshot live", async () => {
    const withList = (id: string): SnapshotView => ({ id, hostPortId: ID, context: { portList: { host: 'example.com', entries: [] }, sections: {} } }) as unknown as SnapshotView;
    api.on('history:get', (r) => ok(withList(r.snapshotId)));
    const s = new EntryState(ID, { note: '', tags: [], pinned: false });
    await s.show('s2');
    expect(s.refreshedId).toBeNull();
    api.on('lookup:run', () => ok({ snapshotId: 's3' } as LookupResultView));
    await s.refresh();
    expect(api.requests('lookup:run')[0]).toMatchObject({ hostPortId: ID, portListHost: 'example.com' });
    expect(s.refreshedId).toBe('s3');
    expect(s.current?.id).toBe('s3');
  });

  test('the note is saved only when changed; editing again clears "Note saved"', async () => {
    const s = new EntryState(ID, { note: 'a', tags: [], pinned: false });
    await s.saveNote();
    expect(api.requests('history:setMeta')).toEqual([]);
    s.draftNote = 'b';
    expect(s.noteDirty).toBe(true);
    await s.saveNote();
    expect(api.requests('history:setMeta')).toEqual([{ hostPortId: ID, note: 'b' }]);
    expect(s.metaStatus).toBe('Note saved');
    expect(s.noteDirty).toBe(false);
    s.draftNote = 'c';
    expect(s.metaStatus).toBe('');
  });

  test('tags are added without duplicates, removed, and the pin toggles; a refusal is kept', async () => {
    const s = new EntryState(ID, { note: '', tags: ['prod'], pinned: false });
    expect(await s.addTagText('PROD, dmz')).toBe(true);
    expect(s.meta?.tags).toEqual(['prod', 'dmz']);
    await s.removeTag('prod');
    expect(s.meta?.tags).toEqual(['dmz']);
    await s.togglePin();
    expect(s.meta?.pinned).toBe(true);
    api.on('history:setMeta', () => err({ kind: 'storage', message: 'disk full' }));
    expect(await s.togglePin()).toBe(false);
    expect(s.meta?.pinned).toBe(true);
    expect(s.metaError?.kind).toBe('storage');
  });

  test('two picks at most, and the comparison asks older before newer', async () => {
    api.on('history:compare', () => ok({ changes: [] } as never));
    const s = new EntryState(ID, { note: '', tags: [], pinned: false });
    await s.load();
    s.pick('s3', true);
    s.pick('s1', true);
    s.pick('s2', true);
    expect(s.picked).toEqual(['s1', 's2']);
    await s.compare();
    expect(api.requests('history:compare')).toEqual([{ beforeId: 's1', afterId: 's2' }]);
    expect(s.comparison).not.toBeNull();
    s.closeComparison();
    expect(s.comparison).toBeNull();
  });

  test('compare with previous: one step, the snapshot saved just before; nothing for the oldest', async () => {
    api.on('history:compare', () => ok({ changes: [] } as never));
    const s = new EntryState(ID, { note: '', tags: [], pinned: false });
    await s.load();
    expect(s.previousOf('s3')?.id).toBe('s2');
    expect(s.previousOf('s1')).toBeNull();
    await s.compareWithPrevious('s2');
    await s.compareWithPrevious('s1');
    expect(api.requests('history:compare')).toEqual([{ beforeId: 's1', afterId: 's2' }]);
    expect(s.comparison).not.toBeNull();
  });
});
