// The on-disk snapshot is its own type: these tests fail when the view and the file drift apart unnoticed.
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { LookupRequestInfo, SnapshotView } from '../../../src-shared/views';
import { context, portEntry, reputationSection } from '../../support/host-context-fixtures';
import {
  REQUEST_VIEW_FIELDS,
  SNAPSHOT_VIEW_FIELDS,
  fromStoredSnapshot,
  snapshotFile,
  toStoredSnapshot,
  type StoredRequestV2,
  type StoredSnapshotV2,
} from '../../../src-main/core/history/stored-snapshot';

// Every field set: `Required` makes a new optional view field a compile error here too.
const VIEW: Required<Omit<SnapshotView, 'request'>> & { request: Required<LookupRequestInfo> } = {
  id: 's1',
  hostPortId: 'example.com:443',
  host: 'example.com',
  port: 443,
  savedAt: '2026-01-02T03:04:05.000Z',
  cloud: 'global',
  tenant: 'contoso.example',
  account: 'ana@contoso.example',
  source: 'graph',
  request: { url: 'https://graph.example/v1.0/x', select: ['banners'], expand: ['mostRecentSslCertificate'], resolvedFrom: { host: 'example.com', port: 443 }, idFrom: 'composed' },
  raw: '{"id":"example.com:443"}',
  hostPort: { id: 'example.com:443' } as SnapshotView['hostPort'],
  context: context('example.com', [portEntry(443)], { reputation: reputationSection('neutral', 3, '2026-01-02T03:05:00.000Z') }),
};

/**
 * The keys files hold today. Removing or reshaping one is a format change: bump SNAPSHOT_SCHEMA_VERSION and migrate.
 * An optional member that older readers may ignore (context) is added within version 2.
 */
const STORED_KEYS = ['account', 'cloud', 'context', 'host', 'hostPort', 'hostPortId', 'id', 'port', 'raw', 'request', 'savedAt', 'source', 'tenant'];
const STORED_REQUEST_KEYS = ['expand', 'idFrom', 'resolvedFrom', 'select', 'url'];

describe('stored snapshot (schema version 2)', () => {
  test('every view field has a decision, and the stored type has exactly the stored ones', () => {
    expectTypeOf<keyof typeof SNAPSHOT_VIEW_FIELDS>().toEqualTypeOf<keyof SnapshotView>();
    expectTypeOf<keyof typeof REQUEST_VIEW_FIELDS>().toEqualTypeOf<keyof LookupRequestInfo>();
    expectTypeOf<keyof StoredSnapshotV2>().toEqualTypeOf<keyof SnapshotView>();
    expectTypeOf<keyof StoredRequestV2>().toEqualTypeOf<keyof LookupRequestInfo>();
    expect(Object.keys(SNAPSHOT_VIEW_FIELDS).sort()).toEqual(STORED_KEYS);
    expect(Object.keys(REQUEST_VIEW_FIELDS).sort()).toEqual(STORED_REQUEST_KEYS);
  });

  test('a view survives the trip to disk and back unchanged', () => {
    const file = JSON.parse(JSON.stringify(snapshotFile(VIEW))) as ReturnType<typeof snapshotFile>;
    expect(file.format).toBe('portolan-snapshot');
    expect(file.schemaVersion).toBe(2);
    expect(Object.keys(file.snapshot).sort()).toEqual(STORED_KEYS);
    expect(Object.keys(file.snapshot.request).sort()).toEqual(STORED_REQUEST_KEYS);
    expect(fromStoredSnapshot(file.snapshot)).toEqual(VIEW);
  });

  test('a request without idFrom (files from before it was recorded) stays without it', () => {
    const { idFrom: _drop, ...older } = VIEW.request;
    const view: SnapshotView = { ...VIEW, request: older };
    const back = fromStoredSnapshot(toStoredSnapshot(view));
    expect('idFrom' in back.request).toBe(false);
    expect(back).toEqual(view);
  });

  test('a file without a context (written before it was kept) reads without one, and writes without one', () => {
    const { context: _drop, ...older } = VIEW;
    const file = JSON.parse(JSON.stringify(snapshotFile(older))) as ReturnType<typeof snapshotFile>;
    expect('context' in file.snapshot).toBe(false);
    const back = fromStoredSnapshot(file.snapshot);
    expect('context' in back).toBe(false);
    expect(back).toEqual(older);
  });

  test('whatever else a view object carries is not written', () => {
    const wider = { ...VIEW, note: 'screen only', request: { ...VIEW.request, token: 'never on disk' } } as SnapshotView;
    const stored = toStoredSnapshot(wider) as unknown as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(STORED_KEYS);
    expect(JSON.stringify(stored)).not.toContain('never on disk');
  });
});
