// A lookup whose answer came back but could not be saved still returns that answer, saying why it was not saved.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-shared/contract';
import { createHandlers } from '../../../src-main/core/service/handlers';
import { fail } from '../../../src-main/core/failure';
import { fakeAuth, fakeHistory, fakeSettings, fakeSource, hostPortView } from './fakes';

const outcome = {
  hostPort: hostPortView('hp-1'),
  raw: '{"id":"hp-1"}',
  otherProperties: [],
  fetchedAt: '2026-11-26T10:00:00.000Z',
  request: { url: 'http://127.0.0.1:1/v1.0/x', select: [], expand: [], resolvedFrom: { host: '85.13.139.18', port: 21 } },
};

describe('lookup:run when saving to history fails', () => {
  it('returns the Graph result with snapshotId null and the reason it was not saved', async () => {
    const history = fakeHistory();
    history.save = async () => {
      throw fail('storage', 'Could not save the snapshot. Portolan is not allowed to write there.');
    };
    const handlers = createHandlers({
      version: '0.0.0-test', preview: true, settings: fakeSettings(), source: () => fakeSource(async () => outcome), auth: fakeAuth(), history,
      activeUsername: async () => null, openExternal: async () => false, clock: { now: () => 0 },
    });
    const r = await dispatch(handlers, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    expect(r).toMatchObject({
      ok: true,
      value: { hostPort: { id: 'hp-1' }, rawChars: 13, snapshotId: null, saveError: { kind: 'storage', message: expect.stringMatching(/not allowed to write/) } },
    });
  });

  it('an unexpected throw from the store is still a result, not a failed lookup', async () => {
    const history = fakeHistory();
    history.save = async () => {
      throw new Error('EROFS: read-only file system');
    };
    const handlers = createHandlers({
      version: '0.0.0-test', preview: true, settings: fakeSettings(), source: () => fakeSource(async () => outcome), auth: fakeAuth(), history,
      activeUsername: async () => null, openExternal: async () => false, clock: { now: () => 0 },
    });
    const r = await dispatch(handlers, 'lookup:run', { requestId: 'r1', hostPortId: 'hp-1' });
    expect(r).toMatchObject({ ok: true, value: { snapshotId: null, saveError: { kind: expect.any(String), message: expect.any(String) } } });
  });
});
