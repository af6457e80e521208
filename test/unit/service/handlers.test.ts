import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-shared/contract';
import { BANNER_PART, createHandlers, type ServiceDeps } from '../../../src-main/core/service/handlers';
import { fail } from '../../../src-main/core/failure';
import type { SourcePort } from '../../../src-main/core/service/ports';
import type { LookupResultView } from '../../../src-shared/views';
import { fakeAuth, fakeHistory, fakeSettings, fakeSource, hostPortView } from './fakes';

function deps(source: SourcePort, over: Partial<ServiceDeps> = {}) {
  const history = fakeHistory();
  const d: ServiceDeps = {
    version: '0.0.0-test', preview: true, settings: fakeSettings(), source: () => source, auth: fakeAuth(), history,
    activeUsername: async () => 'analyst@contoso.example', openExternal: async (url) => url.startsWith('https://learn.microsoft.com/'),
    clock: { now: () => 0 }, ...over,
  };
  return { handlers: createHandlers(d), history };
}

const outcome = (id = 'hp-1') => ({
  hostPort: hostPortView(id), raw: '{"id":"hp-1"}', otherProperties: [{ path: 'futureField', value: 'x' }], fetchedAt: '2026-11-26T10:00:00.000Z',
  request: { url: 'http://127.0.0.1:1/v1.0/x', select: [], expand: [], resolvedFrom: { host: '85.13.139.18', port: 21 } },
});

describe('lookup:run', () => {
  it('returns the outcome and saves a snapshot with where it came from', async () => {
    const { handlers, history } = deps(fakeSource(async () => outcome()));
    const r = await dispatch(handlers, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ source: 'token', snapshotId: 'snap-1' });
    expect(history.saved[0]).toMatchObject({ hostPortId: 'hp-1', host: '85.13.139.18', port: 21, account: 'analyst@contoso.example', tenant: 'organizations' });
  });

  it('sends the body apart: the result carries an id and a length, lookup:raw gives the exact text, the snapshot keeps it', async () => {
    const { handlers, history } = deps(fakeSource(async () => outcome()));
    const r = await dispatch(handlers, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    if (!r.ok) throw new Error(r.error.message);
    const value = r.value as LookupResultView;
    expect(value).not.toHaveProperty('raw');
    expect(value).toMatchObject({ rawChars: 13, otherProperties: [{ path: 'futureField', value: 'x' }] });
    expect(value.rawId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(await dispatch(handlers, 'lookup:raw', { rawId: value.rawId })).toEqual({ ok: true, value: { raw: '{"id":"hp-1"}' } });
    expect(history.saved[0]).toMatchObject({ raw: '{"id":"hp-1"}' });
    const unknown = await dispatch(handlers, 'lookup:raw', { rawId: 'not-a-held-id' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'notFound' } });
    // The id is checked by the contract before main looks: nothing but [A-Za-z0-9_-], at most 64.
    expect(await dispatch(handlers, 'lookup:raw', { rawId: '../../etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
    expect(await dispatch(handlers, 'lookup:raw', { rawId: 'a'.repeat(65) })).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
  });

  it('sends thousands of banners in parts: the first with the result, the rest through lookup:banners, in order; the snapshot keeps all', async () => {
    const many = outcome();
    const total = BANNER_PART * 2 + 345;
    many.hostPort = { ...many.hostPort, banners: Array.from({ length: total }, (_, i) => ({ ...many.hostPort.banners[0]!, banner: `banner ${i}` })) };
    let calls = 0;
    const { handlers, history } = deps(fakeSource(async () => (calls++ === 0 ? many : outcome())));
    const r = await dispatch(handlers, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    if (!r.ok) throw new Error(r.error.message);
    const value = r.value as LookupResultView;
    expect(value.hostPort.banners).toHaveLength(BANNER_PART);
    expect(value.bannersHeld?.total).toBe(total);
    const got = [...value.hostPort.banners];
    while (got.length < total) {
      const part = await dispatch(handlers, 'lookup:banners', { id: value.bannersHeld!.id, offset: got.length });
      if (!part.ok) throw new Error(part.error.message);
      expect((part.value as { banners: unknown[] }).banners.length).toBeLessThanOrEqual(BANNER_PART);
      got.push(...(part.value as { banners: typeof got }).banners);
    }
    expect(got.map((b) => b.banner)).toEqual(many.hostPort.banners.map((b) => b.banner));
    expect((history.saved[0] as { hostPort: { banners: unknown[] } }).hostPort.banners).toHaveLength(total);
    // Past the end: nothing; an unknown id: notFound; an id or offset the contract refuses never reaches main.
    expect(await dispatch(handlers, 'lookup:banners', { id: value.bannersHeld!.id, offset: total })).toEqual({ ok: true, value: { banners: [] } });
    expect(await dispatch(handlers, 'lookup:banners', { id: 'not-held', offset: 0 })).toMatchObject({ ok: false, error: { kind: 'notFound' } });
    expect(await dispatch(handlers, 'lookup:banners', { id: '../x', offset: 0 })).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
    expect(await dispatch(handlers, 'lookup:banners', { id: value.bannersHeld!.id, offset: -1 })).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
    // A result within one part carries no held banners.
    const small = await dispatch(handlers, 'lookup:run', { requestId: 'r2', host: '85.13.139.18', port: 21 });
    expect(small.ok && (small.value as LookupResultView).bannersHeld).toBeFalsy();
  });

  it('history:get sends a saved snapshot of thousands of banners in parts too, and one of a few whole', async () => {
    const big = outcome();
    big.hostPort = { ...big.hostPort, banners: Array.from({ length: BANNER_PART + 10 }, (_, i) => ({ ...big.hostPort.banners[0]!, banner: `saved ${i}` })) };
    const snapshot = (hostPort: typeof big.hostPort) => ({ id: 'snap-9', hostPortId: 'hp-1', savedAt: '2026-11-26T10:00:00.000Z', raw: '{}', hostPort });
    const history = { ...fakeHistory(), get: async (id: string) => (id === 'snap-9' ? snapshot(big.hostPort) : snapshot(outcome().hostPort)) } as unknown as ServiceDeps['history'];
    const { handlers } = deps(fakeSource(async () => outcome()), { history });
    const r = await dispatch(handlers, 'history:get', { snapshotId: 'snap-9' });
    if (!r.ok) throw new Error(r.error.message);
    const got = r.value as { hostPort: { banners: { banner: string }[] }; bannersHeld?: { id: string; total: number }; raw: string };
    expect(got.hostPort.banners).toHaveLength(BANNER_PART);
    expect(got.raw).toBe('{}');
    expect(got.bannersHeld?.total).toBe(BANNER_PART + 10);
    const rest = await dispatch(handlers, 'lookup:banners', { id: got.bannersHeld!.id, offset: BANNER_PART });
    expect(rest.ok && (rest.value as { banners: { banner: string }[] }).banners.map((b) => b.banner)).toEqual(Array.from({ length: 10 }, (_, i) => `saved ${BANNER_PART + i}`));
    const few = await dispatch(handlers, 'history:get', { snapshotId: 'snap-1' });
    expect(few.ok && (few.value as { bannersHeld?: unknown }).bannersHeld).toBeUndefined();
  });

  it('does not save when history is off', async () => {
    const { handlers, history } = deps(fakeSource(async () => outcome()), { settings: fakeSettings({ saveHistory: false }) });
    const r = await dispatch(handlers, 'lookup:run', { requestId: 'r1', hostPortId: 'abc' });
    expect(r.ok && (r.value as { snapshotId: string | null }).snapshotId).toBeNull();
    expect(history.saved).toHaveLength(0);
  });

  it('passes a pasted id exactly and drops host/port when an id is given', async () => {
    let seen: unknown;
    const { handlers } = deps(fakeSource(async (input) => ((seen = input), outcome())));
    await dispatch(handlers, 'lookup:run', { requestId: 'r1', hostPortId: 'ODUu+/==', host: 'x', port: 1, select: ['banners'] });
    expect(seen).toEqual({ hostPortId: 'ODUu+/==', select: ['banners'], expandCertificate: true });
  });

  it('turns a thrown failure into a typed error value with its fields intact', async () => {
    const { handlers } = deps(fakeSource(async () => { throw fail('licence', 'licence?', { status: 500, code: 'generalException', requestId: 'req-9' }); }));
    const r = await dispatch(handlers, 'lookup:run', { requestId: 'r1', hostPortId: 'abc' });
    expect(r).toEqual({ ok: false, error: { kind: 'licence', message: 'licence?', status: 500, code: 'generalException', requestId: 'req-9' } });
  });

  it('offers the saved snapshot when offline, and app:info reports offline', async () => {
    let offline = false;
    const { handlers } = deps(fakeSource(async () => {
      if (offline) throw fail('network', 'Cannot reach Microsoft Graph.');
      return outcome();
    }));
    await dispatch(handlers, 'lookup:run', { requestId: 'r1', host: '85.13.139.18', port: 21 });
    offline = true;
    const r = await dispatch(handlers, 'lookup:run', { requestId: 'r2', host: '85.13.139.18', port: '21' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'network', savedSnapshotId: 'snap-1' });
    expect(r.error.message).toContain('saved snapshot');
    expect(r.error.message).toMatch(/from \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC is available/);
    const info = await dispatch(handlers, 'app:info', {});
    expect(info.ok && (info.value as { online: boolean }).online).toBe(false);
  });

  it('app:info reports offline when the Graph root does not answer, and online again when it does', async () => {
    let reachable = false;
    const asked: string[] = [];
    const d = deps(fakeSource(async () => outcome()), { reachable: async (root) => (asked.push(root), reachable) });
    const first = await dispatch(d.handlers, 'app:info', {});
    expect(first.ok && (first.value as { online: boolean }).online).toBe(false);
    reachable = true;
    const second = await dispatch(d.handlers, 'app:info', {});
    expect(second.ok && (second.value as { online: boolean }).online).toBe(true);
    // The probe is asked about the Graph root of the source in force.
    expect(asked).toEqual(['http://127.0.0.1:1', 'http://127.0.0.1:1']);
  });

  it('cancels a running lookup by its request id', async () => {
    const { handlers } = deps(fakeSource((_input, signal) => new Promise((_, reject) => {
      signal?.addEventListener('abort', () => reject(fail('cancelled', 'The lookup was cancelled.')));
    })));
    const running = dispatch(handlers, 'lookup:run', { requestId: 'slow', hostPortId: 'abc' });
    const cancel = await dispatch(handlers, 'lookup:cancel', { requestId: 'slow' });
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    const r = await running;
    expect(!r.ok && r.error.kind).toBe('cancelled');
    expect(await dispatch(handlers, 'lookup:cancel', { requestId: 'slow' })).toEqual({ ok: true, value: { cancelled: false } });
  });
});

describe('boundary validation', () => {
  const { handlers } = deps(fakeSource(async () => outcome()));
  it.each([
    ['unknown channel', 'fs:read', {}],
    ['extra property', 'lookup:run', { requestId: 'r', hostPortId: 'a', evil: 1 }],
    ['nested $select path', 'lookup:run', { requestId: 'r', hostPortId: 'a', select: ['host/id'] }],
    ['bad request id', 'lookup:run', { requestId: '../x', hostPortId: 'a' }],
    ['not an object', 'settings:set', 'cloud=custom'],
    ['clear without confirmation', 'history:clear', { confirm: 'yes' }],
  ])('rejects %s with a typed invalidInput value', async (_name, channel, payload) => {
    const r = await dispatch(handlers, channel, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('invalidInput');
  });

  it('refuses to open a link that is not allow-listed', async () => {
    const r = await dispatch(handlers, 'shell:openExternal', { url: 'http://evil.example/' });
    expect(!r.ok && r.error.kind).toBe('invalidInput');
    expect(await dispatch(handlers, 'shell:openExternal', { url: 'https://learn.microsoft.com/graph' })).toEqual({ ok: true, value: { opened: true } });
  });
});

describe('settings and app info for the settings view and the first-run guide', () => {
  it('settings:get and settings:set name the fields preview flags fix, and only when there are any', async () => {
    const plain = deps(fakeSource(async () => outcome()));
    const r0 = await dispatch(plain.handlers, 'settings:get', {});
    expect(r0.ok && 'overridden' in (r0.value as object)).toBe(false);

    const settings = { ...fakeSettings({ clientId: '6a2b1c3d-0000-4000-8000-00000000c11e' }), overridden: () => ['clientId' as const, 'tenant' as const] };
    const { handlers } = deps(fakeSource(async () => outcome()), { settings });
    const r1 = await dispatch(handlers, 'settings:get', {});
    expect(r1.ok && r1.value).toMatchObject({ clientId: '6a2b1c3d-0000-4000-8000-00000000c11e', overridden: ['clientId', 'tenant'] });
    const r2 = await dispatch(handlers, 'settings:set', { saveHistory: false });
    expect(r2.ok && r2.value).toMatchObject({ saveHistory: false, overridden: ['clientId', 'tenant'] });
    // The informational field is not a setting: the contract refuses it in a patch.
    const r3 = await dispatch(handlers, 'settings:set', { overridden: [] });
    expect(!r3.ok && r3.error.kind).toBe('invalidInput');
  });

  it('app:info says why the source is demo data', async () => {
    const demo = (demoReason?: 'demoFlag' | 'notConfigured'): SourcePort => ({
      ...fakeSource(async () => outcome()),
      kind: 'demo',
      ...(demoReason ? { demoReason } : {}),
    });
    for (const reason of ['demoFlag', 'notConfigured'] as const) {
      const r = await dispatch(deps(demo(reason)).handlers, 'app:info', {});
      expect(r.ok && r.value).toMatchObject({ source: 'demo', demoReason: reason });
    }
    const token = await dispatch(deps({ ...fakeSource(async () => outcome()), demoReason: 'notConfigured' }).handlers, 'app:info', {});
    expect(token.ok && 'demoReason' in (token.value as object)).toBe(false);
  });
});
