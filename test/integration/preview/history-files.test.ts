// The preview's streamed history routes: the export is a download that the server writes snapshot by snapshot,
// the import a streamed upload; both refuse other origins, cross-site requests and a missing key.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryFiles } from '../../../src-main/core/service/history-files';
import { createHandlers } from '../../../src-main/core/service/handlers';
import { startPreviewServer, type PreviewServer } from '../../../src-main/preview/server';
import { makeSnapshot } from '../../support/snapshots';
import { FakeClock, openStore, tempDir } from '../../unit/history/helpers';
import { fakeAuth, fakeHistory, fakeSettings, fakeSource, hostPortView } from '../../unit/service/fakes';
import { mkdir, writeFile } from 'node:fs/promises';

let server: PreviewServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(files: HistoryFiles): Promise<{ url: string; key: string }> {
  const dir = tempDir();
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  const handlers = createHandlers({
    version: 't', preview: true, settings: fakeSettings(), auth: fakeAuth(), history: fakeHistory(),
    source: () => fakeSource(async () => ({ hostPort: hostPortView(), raw: '{}', fetchedAt: 'x', request: { url: 'u', select: [], expand: [], resolvedFrom: null } })),
    activeUsername: async () => null, openExternal: async () => false, clock: { now: () => 0 },
  });
  server = await startPreviewServer({ handlers, historyFiles: files, rendererDir: join(dir, 'renderer'), port: 0 });
  const html = await (await fetch(server.url)).text();
  return { url: server.url, key: /name="portolan-preview-key" content="([^"]+)"/.exec(html)?.[1] ?? '' };
}

describe('preview history file routes', () => {
  it('streams the export as a download and takes it back as a streamed upload, malformed line reported', async () => {
    const source = await openStore(tempDir());
    for (let i = 0; i < 6; i++) await source.save(makeSnapshot(i, { hostPorts: 3 }));
    const { url, key } = await start(new HistoryFiles(source, new FakeClock()));
    const res = await fetch(new URL(`/api/history/export?format=ndjson&key=${key}`, url), { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="portolan-history-2024-06-01.ndjson"');
    const lines = (await res.text()).split('\n');
    lines.splice(2, 0, 'garbage');
    await server!.close();

    const target = await openStore(tempDir());
    const up = await start(new HistoryFiles(target, new FakeClock()));
    const body = Buffer.from(lines.join('\n'));
    const reply = await fetch(new URL('/api/history/import', up.url), { method: 'POST', headers: { 'x-portolan-key': up.key }, body });
    const result = await reply.json();
    expect(result).toMatchObject({ ok: true, value: { added: 6, refused: 1, problems: [{ line: 3 }] } });
    expect(target.stats().snapshots).toBe(6);
  });

  it('all or nothing over the upload: nothing imported when a record is refused', async () => {
    const target = await openStore(tempDir());
    const { url, key } = await start(new HistoryFiles(target, new FakeClock()));
    const s = { ...makeSnapshot(1), id: 'one', savedAt: '2024-01-01T00:00:00.000Z' };
    const body = ['{"format":"portolan-history","version":2,"exportedAt":"x"}', JSON.stringify({ type: 'snapshot', snapshot: s }), '{"type":"snapshot"}'].join('\n');
    const reply = await fetch(new URL('/api/history/import?allOrNothing=1', url), { method: 'POST', headers: { 'x-portolan-key': key }, body });
    expect(await reply.json()).toMatchObject({ ok: true, value: { added: 0, aborted: true, refused: 1, problems: [{ line: 3 }] } });
    expect(target.stats().snapshots).toBe(0);
  });

  it('refuses a missing key, another origin and a cross-site download', async () => {
    const store = await openStore(tempDir());
    const { url, key } = await start(new HistoryFiles(store, new FakeClock()));
    expect((await fetch(new URL('/api/history/export?format=ndjson', url))).status).toBe(403);
    expect((await fetch(new URL(`/api/history/export?format=ndjson&key=${key}`, url), { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(new URL(`/api/history/export?format=ndjson&key=${key}`, url), { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await fetch(new URL('/api/history/import', url), { method: 'POST', body: 'x' })).status).toBe(403);
    expect((await fetch(new URL('/api/history/import', url), { method: 'POST', body: 'x', headers: { 'x-portolan-key': key, origin: 'http://evil.example' } })).status).toBe(403);
    expect((await fetch(new URL(`/api/history/export?format=xml&key=${key}`, url))).status).toBe(400);
  });
});
