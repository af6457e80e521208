// The history store behind its message port, against a real worker thread: every method answers as the store does
// in-process, failures keep their kind and code, a host that dies mid-call fails that call with its own code and
// the next call starts a fresh host that reads the same files, and close ends the host.
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-shared/contract';
import { ERROR_CODES } from '../../../src-shared/error-codes';
import { createCore } from '../../../src-main/core/app';
import { createAesEncryptor } from '../../../src-main/core/auth';
import { PortolanFailure } from '../../../src-main/core/failure';
import { confKvFactory, createHistoryStore, type HistoryStore } from '../../../src-main/core/history';
import { createHostedHistory, HostedHistoryClient } from '../../../src-main/core/history-host/client';
import type { HostChannel, SpawnHost, ToHost } from '../../../src-main/core/history-host/protocol';
import { workerHostSpawner } from '../../../src-main/core/history-host/worker-host';
import { makeSnapshot } from '../../support/snapshots';

const dirs: string[] = [];
const stores: HistoryStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portolan-hosted-'));
  dirs.push(d);
  return d;
}

/** The real worker spawner, with a record of every host started and a hook that sees each message sent to it. */
function recordingSpawner(beforePost?: (message: ToHost, channel: HostChannel) => void): { spawn: SpawnHost; started: HostChannel[]; exits: (number | null)[] } {
  const real = workerHostSpawner();
  const started: HostChannel[] = [];
  const exits: (number | null)[] = [];
  const spawn: SpawnHost = () => {
    const inner = real();
    inner.onExit((code) => exits.push(code));
    const channel: HostChannel = { ...inner, post: (m) => (beforePost ? beforePost(m, inner) : inner.post(m)) };
    started.push(channel);
    return channel;
  };
  return { spawn, started, exits };
}

async function hosted(dir: string, spawn: SpawnHost = workerHostSpawner()): Promise<HistoryStore> {
  const store = await createHostedHistory({ dir, spawn });
  stores.push(store);
  return store;
}

async function failureOf(work: Promise<unknown>): Promise<PortolanFailure> {
  const err = await work.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PortolanFailure);
  return err as PortolanFailure;
}

describe('history store hosted in a worker thread', () => {
  it('saves, searches, lists, gets, deletes and undoes through the port, with mode and stats kept current', async () => {
    const store = await hosted(tempDir());
    expect(store.mode).toBe('normal');
    const saved = [];
    for (let i = 0; i < 6; i++) saved.push(await store.save(makeSnapshot(i, { hostPorts: 3 })));
    expect(store.stats()).toEqual({ snapshots: 6, hostPorts: 3 });
    await store.searchReady();
    const first = await store.get(saved[0]!.id);
    expect(first.hostPortId).toBe(saved[0]!.hostPortId);
    const hits = await store.list({ text: first.host ?? '' });
    expect(hits.items.map((r) => r.hostPortId)).toContain(first.hostPortId);
    expect((await store.list({})).total).toBe(3);
    expect(await store.snapshots(first.hostPortId)).toHaveLength(2);
    await store.setMeta({ hostPortId: first.hostPortId, note: 'seen before', tags: ['x'] });
    expect((await store.list({ tag: 'x' })).items).toHaveLength(1);

    const { undoToken, removed } = await store.delete({ hostPortId: first.hostPortId });
    expect(removed).toBe(2);
    expect(store.stats().snapshots).toBe(4);
    expect(await store.undo(undoToken)).toEqual({ restored: 2 });
    expect(store.stats().snapshots).toBe(6);
    expect(await store.latestFor({ hostPortId: first.hostPortId })).toMatchObject({ hostPortId: first.hostPortId });
  });

  it('carries failures across as the same typed values (kind and code)', async () => {
    const store = await hosted(tempDir());
    const missing = await failureOf(store.get('no-such-snapshot'));
    expect(missing.error).toMatchObject({ kind: 'notFound', code: ERROR_CODES.HISTORY_SNAPSHOT_NOT_FOUND });
    const expired = await failureOf(store.undo('no-such-token'));
    expect(expired.error).toMatchObject({ code: ERROR_CODES.HISTORY_UNDO_EXPIRED });
  });

  it('applies the retention policy in force at each save (settings stay on the calling side)', async () => {
    let keep = 10;
    const store = await createHostedHistory({ dir: tempDir(), spawn: workerHostSpawner(), retention: () => ({ perHostPort: keep, days: null }) });
    stores.push(store);
    for (let i = 0; i < 3; i++) await store.save(makeSnapshot(i, { hostPorts: 1 }));
    expect(store.stats().snapshots).toBe(3);
    keep = 1;
    await store.save(makeSnapshot(3, { hostPorts: 1 }));
    expect(store.stats().snapshots).toBe(1);
  });

  it('streams an NDJSON export out and an all-or-nothing import in, counting the bytes read', async () => {
    const source = await hosted(tempDir());
    for (let i = 0; i < 20; i++) await source.save(makeSnapshot(i, { hostPorts: 5 }));
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (c: Buffer) => parts.push(Buffer.from(c)));
    expect(await source.exportTo(out, 'ndjson')).toEqual({ snapshots: 20, hostPorts: 5 });
    out.end();
    await once(out, 'end');
    const text = Buffer.concat(parts).toString('utf8');
    expect(text.trim().split('\n')).toHaveLength(1 + 5 + 20);

    const target = await hosted(tempDir());
    let bytes = 0;
    let opened = 0;
    const report = await target.importFrom(
      () => {
        opened++;
        return Readable.from([text.slice(0, 1000), text.slice(1000)]);
      },
      { allOrNothing: true, onBytes: (n) => (bytes += n) },
    );
    expect(report).toMatchObject({ added: 20, skipped: 0 });
    expect(opened).toBe(2);
    expect(bytes).toBe(2 * Buffer.byteLength(text));
    expect(target.stats()).toEqual({ snapshots: 20, hostPorts: 5 });
  });

  it('refuses a damaged import with its typed error, and a source that cannot be read as storage', async () => {
    const store = await hosted(tempDir());
    const refused = await failureOf(store.importFrom(() => Readable.from(['{"format":"something else"}\n'])));
    expect(refused.error.kind).toBe('invalidInput');
    const unreadable = await failureOf(
      store.importFrom(() => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('EIO: disk gone')) }),
      })),
    );
    expect(unreadable.error.kind).toBe('storage');
  });

  it('fails the call a dying host leaves unanswered with HISTORY_HOST_STOPPED; the next call starts a new host that has every saved snapshot', async () => {
    const dir = tempDir();
    let killNextSave = false;
    const rec = recordingSpawner((m, inner) => {
      inner.post(m);
      if (killNextSave && m.t === 'call' && m.method === 'save') {
        killNextSave = false;
        inner.kill();
      }
    });
    const store = await hosted(dir, rec.spawn);
    for (let i = 0; i < 4; i++) await store.save(makeSnapshot(i, { hostPorts: 4 }));
    killNextSave = true;
    const stopped = await failureOf(store.save(makeSnapshot(4, { hostPorts: 4 })));
    expect(stopped.error).toMatchObject({ kind: 'storage', code: ERROR_CODES.HISTORY_HOST_STOPPED });
    expect(rec.started).toHaveLength(1);

    const page = await store.list({});
    expect(rec.started).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(store.stats().snapshots).toBeGreaterThanOrEqual(4);
    expect((await store.save(makeSnapshot(5, { hostPorts: 4 }))).hostPortId).toBeTruthy();
  });

  it('reports HISTORY_UNAVAILABLE when the host cannot start, and stops trying after the limit', async () => {
    const rec = { spawned: 0 };
    const broken = workerHostSpawner({ entry: join(tempDir(), 'missing-entry.ts') });
    const spawn: SpawnHost = () => {
      rec.spawned++;
      return broken();
    };
    const first = await failureOf(createHostedHistory({ dir: tempDir(), spawn, maxFailedStarts: 2 }));
    expect(first.error).toMatchObject({ kind: 'storage', code: ERROR_CODES.HISTORY_UNAVAILABLE });
    expect(rec.spawned).toBe(1);

    const client = new HostedHistoryClient({ dir: tempDir(), spawn, maxFailedStarts: 2 });
    for (let i = 0; i < 3; i++) expect((await failureOf(client.list({}))).error.code).toBe(ERROR_CODES.HISTORY_UNAVAILABLE);
    // Two starts were tried; the third call is refused without starting anything.
    expect(rec.spawned).toBe(3);
  });

  it('close flushes and ends the host; later calls are refused; the files reopen in-process with everything', async () => {
    const dir = tempDir();
    const rec = recordingSpawner();
    const store = await createHostedHistory({ dir, spawn: rec.spawn });
    for (let i = 0; i < 5; i++) await store.save(makeSnapshot(i, { hostPorts: 5 }));
    await store.close();
    expect(rec.exits).toHaveLength(1);
    const after = await failureOf(store.list({}));
    expect(after.error.code).toBe(ERROR_CODES.HISTORY_UNAVAILABLE);
    await store.close();

    const reopened = await createHistoryStore({ dir, kv: confKvFactory });
    stores.push(reopened);
    expect(reopened.stats()).toEqual({ snapshots: 5, hostPorts: 5 });
  });

  it('behind createCore: a lookup is saved through the host, listed, typed errors reach the handlers, dispose ends the host', async () => {
    const rec = recordingSpawner();
    const core = await createCore({
      userDataDir: tempDir(),
      version: '0.0.0-test',
      preview: true,
      kv: confKvFactory,
      encryptor: createAesEncryptor(),
      openBrowser: async () => undefined,
      openExternal: async () => false,
      demo: true,
      historyHost: rec.spawn,
    });
    const call = (channel: string, payload: unknown = {}) => dispatch(core.handlers, channel, payload);
    try {
      const looked = await call('lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
      expect(looked).toMatchObject({ ok: true, value: { snapshotId: expect.any(String) } });
      expect(await call('history:list', {})).toMatchObject({ ok: true, value: { total: 1, items: [{ host: '85.13.139.18', port: 21 }] } });
      expect(await call('history:get', { snapshotId: 'missing' })).toMatchObject({ ok: false, error: { kind: 'notFound', code: ERROR_CODES.HISTORY_SNAPSHOT_NOT_FOUND } });
      expect(rec.started).toHaveLength(1);
    } finally {
      await core.dispose();
    }
    expect(rec.exits).toHaveLength(1);
  });
});
