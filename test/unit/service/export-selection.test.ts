// Export of what the History list shows: history:exportToFile and history:exportStix with the list's query hold
// exactly the host ports that query lists (every page), and the preview's download does the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportFileRequest, StixExportRequest } from '../../../src-shared/contract';
import { createHandlers } from '../../../src-main/core/service/handlers';
import { HistoryFiles } from '../../../src-main/core/service/history-files';
import { makeSnapshot } from '../../support/snapshots';
import { validateStixBundle } from '../../support/stix-validator';
import { FakeClock, openStore, tempDir } from '../history/helpers';
import { fakeAuth, fakeSettings, fakeSource, hostPortView } from './fakes';

async function setup() {
  const store = await openStore(tempDir());
  for (let i = 0; i < 12; i++) await store.save(makeSnapshot(i, { hostPorts: 6 }));
  const path = join(tempDir(), 'out.ndjson');
  const files = new HistoryFiles(store, new FakeClock(), { chooseExportPath: async () => path, chooseImportPath: async () => null });
  const handlers = createHandlers({
    version: 't',
    preview: false,
    settings: fakeSettings(),
    auth: fakeAuth(),
    history: store,
    historyFiles: files,
    source: () => fakeSource(async () => ({ hostPort: hostPortView(), raw: '{}', fetchedAt: 'x', request: { url: 'u', select: [], expand: [], resolvedFrom: null } })),
    activeUsername: async () => null,
    openExternal: async () => false,
    clock: { now: () => 0 },
  });
  return { store, handlers, path };
}

const idsIn = (path: string): Set<string> =>
  new Set(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type?: string; snapshot?: { hostPortId: string } })
      .filter((r) => r.type === 'snapshot')
      .map((r) => r.snapshot!.hostPortId),
  );

describe('export what the list shows', () => {
  it('history:exportToFile with a query writes only the host ports the list shows for it', async () => {
    const { store, handlers, path } = await setup();
    const port = (await store.list({})).items[0]!.port!;
    const shown = (await store.list({ port, limit: 500 })).items.map((i) => i.hostPortId);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(6);
    const r = await handlers['history:exportToFile']({ format: 'ndjson', query: { text: '', sort: 'saved', order: 'desc', port } }, {});
    expect(r.ok).toBe(true);
    expect(idsIn(path)).toEqual(new Set(shown));
    await handlers['history:exportToFile']({ format: 'ndjson' }, {});
    expect(idsIn(path).size).toBe(6);
  });

  it('history:exportStix with a query bundles the same host ports; a query and ids together are refused', async () => {
    const { store, handlers } = await setup();
    const port = (await store.list({})).items[0]!.port!;
    const r = await handlers['history:exportStix']({ query: { text: '', sort: 'saved', order: 'desc', port } }, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const shown = (await store.list({ port, limit: 500 })).items;
    expect(r.value.filename).toMatch(shown.length === 1 ? /^portolan-stix-host-port-/ : /^portolan-stix-selection-/);
    const bundle = JSON.parse(r.value.content) as { objects: { type: string; dst_port?: number }[] };
    expect(validateStixBundle(bundle)).toEqual([]);
    const ports = new Set(bundle.objects.filter((o) => o.type === 'network-traffic').map((o) => o.dst_port));
    expect(ports).toEqual(new Set([port]));
    expect(StixExportRequest.safeParse({ query: { port }, hostPortIds: ['a'] }).success).toBe(false);
    expect(ExportFileRequest.safeParse({ format: 'csv', query: { text: 'x' }, hostPortIds: ['a'] }).success).toBe(false);
    expect(ExportFileRequest.safeParse({ format: 'csv', query: { text: 'x', sort: 'banner' } }).success).toBe(false);
    expect(ExportFileRequest.safeParse({ format: 'csv', query: { text: 'x', sort: 'port', order: 'asc' } }).success).toBe(true);
  });
});
