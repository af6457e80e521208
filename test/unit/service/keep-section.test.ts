// The lookup saves the host's port list with its snapshot, and a host section fetched for that snapshot is kept
// with it by main: what is stored is the section main fetched, named by snapshot, never data the renderer sent.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-shared/contract';
import type { HostSectionView } from '../../../src-shared/host-views';
import type { ContextAttachInput } from '../../../src-main/core/history/attach-context';
import { createHandlers } from '../../../src-main/core/service/handlers';
import type { SourcePort } from '../../../src-main/core/service/ports';
import { reputationSection, portEntry } from '../../support/host-context-fixtures';
import { fakeAuth, fakeHistory, fakeSettings, hostPortView } from './fakes';

const fetched = reputationSection('malicious', 88, '2026-11-26T10:00:05.000Z', ['Known C2']);

function setup(saveHistory = true) {
  const history = fakeHistory();
  const attached: ContextAttachInput[] = [];
  history.attachSection = async (input) => {
    attached.push(input);
    return 'saved';
  };
  const source: SourcePort = {
    kind: 'token',
    graphRoot: 'http://127.0.0.1:1',
    graph: {
      lookup: async () => ({
        hostPort: hostPortView(),
        raw: '{}',
        otherProperties: [],
        fetchedAt: '2026-11-26T10:00:00.000Z',
        request: { url: 'http://127.0.0.1:1/v1.0/x', select: [], expand: [], resolvedFrom: { host: '85.13.139.18', port: 21 }, idFrom: 'portList' },
        portList: { host: '85.13.139.18', entries: [portEntry(21), portEntry(22)] },
      }),
      hostSection: async (): Promise<HostSectionView> => fetched,
    },
  };
  const handlers = createHandlers({
    version: 't', preview: true, settings: fakeSettings({ saveHistory }), source: () => source, auth: fakeAuth(), history,
    activeUsername: async () => null, openExternal: async () => false, clock: { now: () => 0 },
  });
  return { handlers, history, attached };
}

describe('host context kept with the snapshot', () => {
  it('saves the port list the lookup read, with where the id came from', async () => {
    const { handlers, history } = setup();
    await dispatch(handlers, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    expect(history.saved[0]?.context?.portList?.entries.map((e) => e.port)).toEqual([21, 22]);
    expect(history.saved[0]?.request.idFrom).toBe('portList');
  });

  it('keeps a section fetched for a snapshot: what main fetched, about the host asked for', async () => {
    const { handlers, attached } = setup();
    const r = await dispatch(handlers, 'host:section', { kind: 'reputation', host: '85.13.139.18', snapshotId: 'snap-1' });
    expect(r).toEqual({ ok: true, value: fetched });
    expect(attached).toEqual([{ snapshotId: 'snap-1', section: fetched, about: { host: '85.13.139.18' } }]);
  });

  it('passes the page link on, so only a continuing page is appended', async () => {
    const { handlers, attached } = setup();
    await dispatch(handlers, 'host:section', { kind: 'passiveDns', host: '85.13.139.18', snapshotId: 'snap-1', nextLink: 'http://127.0.0.1:1/v1.0/next' });
    expect(attached[0]).toMatchObject({ after: 'http://127.0.0.1:1/v1.0/next', about: { host: '85.13.139.18' } });
  });

  it('keeps nothing without a snapshot id, with saving turned off, or for a request carrying its own data', async () => {
    const plain = setup();
    await dispatch(plain.handlers, 'host:section', { kind: 'reputation', host: '85.13.139.18' });
    expect(plain.attached).toEqual([]);
    const off = setup(false);
    await dispatch(off.handlers, 'host:section', { kind: 'reputation', host: '85.13.139.18', snapshotId: 'snap-1' });
    expect(off.attached).toEqual([]);
    const forged = await dispatch(plain.handlers, 'host:section', { kind: 'reputation', host: '85.13.139.18', snapshotId: 'snap-1', reputation: { classification: 'neutral' } } as never);
    expect(forged.ok).toBe(false);
    expect(plain.attached).toEqual([]);
  });
});
