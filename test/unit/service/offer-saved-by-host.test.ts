// Offline, a lookup points the analyst at what history already knows. The host is read as the lookup reads
// it, on both sides, so another spelling of the same host (upper-case, uncompressed IPv6, a pasted URL,
// a defanged indicator) still finds the saved snapshot.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-shared/contract';
import { createHandlers } from '../../../src-main/core/service/handlers';
import { fail } from '../../../src-main/core/failure';
import type { HistoryPort, HostPortResult } from '../../../src-main/core/service/ports';
import { openStore, tempDir } from '../history/helpers';
import { fakeAuth, fakeSettings, fakeSource, hostPortView } from './fakes';

async function setUp(saved: { resolvedFrom?: { host: string; port: number }; graphHostId?: string }) {
  const history = await openStore(tempDir());
  let offline = false;
  const hostPort = hostPortView('hp-v6');
  if (saved.graphHostId && hostPort.host) hostPort.host = { ...hostPort.host, id: saved.graphHostId };
  const outcome: HostPortResult = {
    hostPort,
    raw: '{"id":"hp-v6"}',
    otherProperties: [],
    fetchedAt: '2026-11-26T10:00:00.000Z',
    request: { url: 'http://127.0.0.1:1/v1.0/x', select: [], expand: [], resolvedFrom: saved.resolvedFrom ?? null },
  };
  const handlers = createHandlers({
    version: '0.0.0-test', preview: true, settings: fakeSettings(), auth: fakeAuth(), history: history as unknown as HistoryPort,
    source: () => fakeSource(async () => {
      if (offline) throw fail('network', 'Cannot reach Microsoft Graph.');
      return outcome;
    }),
    activeUsername: async () => null, openExternal: async () => false, clock: { now: () => 0 },
  });
  const first = await dispatch(handlers, 'lookup:run', saved.resolvedFrom ? { requestId: 's', host: saved.resolvedFrom.host, port: saved.resolvedFrom.port } : { requestId: 's', hostPortId: 'hp-v6' });
  expect(first.ok && (first.value as { snapshotId: string | null; saveError?: unknown }).saveError).toBeUndefined();
  expect(first.ok && (first.value as { snapshotId: string | null }).snapshotId).toBeTruthy();
  offline = true;
  return async (request: { host: string; port?: number | string }) => {
    const r = await dispatch(handlers, 'lookup:run', { requestId: 'r', ...request });
    if (r.ok) throw new Error('expected the offline lookup to fail');
    return r.error;
  };
}

describe('offline offers of saved snapshots, by host', () => {
  it.each([
    [{ host: '2001:DB8:0:0:0:0:0:1', port: 22 }],
    [{ host: '2001:db8:0000::0001', port: '22' }],
    [{ host: '[2001:db8::1]:22' }],
    [{ host: 'hxxps://[2001:db8::1]:22/' }],
  ])('%j finds what was saved as 2001:db8::1 port 22', async (request) => {
    const offlineLookup = await setUp({ resolvedFrom: { host: '2001:db8::1', port: 22 } });
    const error = await offlineLookup(request);
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.savedSnapshotId).toBeTruthy();
    expect(error.message).toContain('A saved snapshot from 2026-11-26 10:00 UTC is available in history.');
  });

  it("finds a snapshot saved under Graph's own spelling of the host (an id lookup) by the normalised host", async () => {
    const offlineLookup = await setUp({ graphHostId: '2001:DB8:0:0:0:0:0:1' });
    expect((await offlineLookup({ host: '2001:db8::1', port: 21 })).savedSnapshotId).toBeTruthy();
    expect((await offlineLookup({ host: '2001:db8::1', port: 22 })).savedSnapshotId).toBeUndefined();
  });

  it('finds an internationalised name saved in punycode by its Unicode spelling, and a defanged IPv4', async () => {
    const byName = await setUp({ resolvedFrom: { host: 'xn--bcher-kva.de', port: 443 } });
    expect((await byName({ host: 'https://BÜCHER.de/' })).savedSnapshotId).toBeTruthy();
    const byAddress = await setUp({ resolvedFrom: { host: '85.13.139.18', port: 21 } });
    expect((await byAddress({ host: '85.13.139[.]18', port: '21' })).savedSnapshotId).toBeTruthy();
  });
});
