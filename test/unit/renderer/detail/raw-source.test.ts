// Where the raw JSON of a detail comes from: at hand in a saved snapshot; asked of main for a fresh lookup; read
// back from History when main has let a saved lookup's body go; and a clear failure otherwise.
import { describe, expect, it } from 'vitest';
import { FakeApi } from '../../../support/fake-renderer-api';
import type { HostPortView } from '../../../../src-shared/views';
import type { DetailInput } from '../../../../src-renderer/features/detail/detail-input';
import { rawSourceOf, type RawSource } from '../../../../src-renderer/features/detail/raw-source';

const base: DetailInput = {
  hostPort: { id: 'hp-1' } as HostPortView,
  request: { url: 'https://graph.example/v1.0/x', select: [], expand: [], resolvedFrom: null },
  source: 'token',
};
const snapshot = { raw: '{"saved":true}' } as never;

/** Loads a body that is asked for (a source with the body at hand has nothing to load). */
function load(source: RawSource) {
  if (source.text !== null) throw new Error('expected a body to ask for');
  return source.load();
}

describe('rawSourceOf', () => {
  it('a saved snapshot carries its body: nothing is asked', async () => {
    const api = new FakeApi();
    const source = rawSourceOf({ ...base, raw: '{"id":"hp-1"}' }, api.call.bind(api));
    expect(source).toEqual({ chars: 13, text: '{"id":"hp-1"}' });
    expect(api.calls).toEqual([]);
  });

  it("a fresh lookup's body is asked of main by its id, only when loaded", async () => {
    const api = new FakeApi().on('lookup:raw', () => ({ ok: true, value: { raw: '{"id":"hp-1"}' } }));
    const source = rawSourceOf({ ...base, rawId: 'r123', rawChars: 13, snapshotId: 'snap-1' }, api.call.bind(api));
    expect(source).toMatchObject({ chars: 13, text: null });
    expect(api.calls).toEqual([]);
    expect(await load(source)).toEqual({ ok: true, value: '{"id":"hp-1"}' });
    expect(api.requests('lookup:raw')).toEqual([{ rawId: 'r123' }]);
    expect(api.requests('history:get')).toEqual([]);
  });

  it('once main has let it go, a saved lookup is read back from History; an unsaved one says why it cannot be shown', async () => {
    const gone = { ok: false as const, error: { kind: 'notFound' as const, message: 'That response is no longer held in memory.' } };
    const api = new FakeApi().on('lookup:raw', () => gone).on('history:get', () => ({ ok: true, value: snapshot }));
    expect(await load(rawSourceOf({ ...base, rawId: 'r1', rawChars: 14, snapshotId: 'snap-1' }, api.call.bind(api)))).toEqual({ ok: true, value: '{"saved":true}' });
    expect(api.requests('history:get')).toEqual([{ snapshotId: 'snap-1' }]);
    expect(await load(rawSourceOf({ ...base, rawId: 'r2', rawChars: 14, snapshotId: null }, api.call.bind(api)))).toEqual(gone);
    expect(api.requests('history:get')).toHaveLength(1);
  });

  it('another failure is not papered over by History', async () => {
    const offline = { ok: false as const, error: { kind: 'offline' as const, message: 'Portolan could not reach its background service.' } };
    const api = new FakeApi().on('lookup:raw', () => offline);
    expect(await load(rawSourceOf({ ...base, rawId: 'r1', rawChars: 2, snapshotId: 'snap-1' }, api.call.bind(api)))).toEqual(offline);
    expect(api.requests('history:get')).toEqual([]);
  });
});
