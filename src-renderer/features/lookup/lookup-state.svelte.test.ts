import { flushSync } from 'svelte';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { LookupResultView } from '../../../src-shared/contract';
import { FakeApi, err, ok } from '../../../test/support/fake-renderer-api';
import { LookupState } from './lookup-state.svelte';

let api = new FakeApi();
vi.mock('../../lib/api', () => ({ call: (c: never, r: never) => api.call(c, r), newRequestId: () => api.newRequestId() }));

const result = (snapshotId: string): LookupResultView => ({ snapshotId }) as unknown as LookupResultView;

beforeEach(() => {
  api = new FakeApi();
});

describe('LookupState', () => {
  test('the form fields are plain $state the inputs bind to, and derived problems follow them', () => {
    const s = new LookupState();
    const seen: string[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(s.host);
      });
    });
    flushSync();
    s.host = 'example.com';
    flushSync();
    expect(seen).toEqual(['', 'example.com']);
    stop();
    // Problems wait for the first submit, so typing is not interrupted.
    s.port = '70000';
    expect(s.problems).toEqual({});
  });

  test('submit sends host, port and the certificate choice, and shows the result', async () => {
    api.on('lookup:run', () => ok(result('snap-1')));
    const s = new LookupState();
    s.host = 'example.com';
    s.port = '443';
    s.expandCertificate = false;
    await s.submit();
    expect(api.requests('lookup:run')).toEqual([{ requestId: 'req-1', host: 'example.com', port: 443, select: undefined, expandCertificate: false }]);
    expect(s.phase).toBe('done');
    expect(s.result?.snapshotId).toBe('snap-1');
    expect(s.error).toBeNull();
  });

  test('an invalid form is not sent, and its problems show once submit was tried', async () => {
    const s = new LookupState();
    s.host = 'example.com';
    s.port = '70000';
    await s.submit();
    expect(api.calls).toEqual([]);
    expect(s.problems.port).toBeTruthy();
    s.port = '22';
    expect(s.problems).toEqual({});
  });

  test('a failed lookup keeps the error; a cancelled one only says so', async () => {
    const s = new LookupState();
    s.host = 'example.com';
    s.port = '443';
    api.on('lookup:run', () => err({ kind: 'notFound', message: 'none', status: 404 }));
    await s.submit();
    expect(s.phase).toBe('error');
    expect(s.error?.kind).toBe('notFound');
    api.on('lookup:run', () => err({ kind: 'cancelled', message: 'stop' }));
    await s.submit();
    expect(s.phase).toBe('error');
    expect(s.notice).toBe('Lookup cancelled.');
  });

  test('with no field chosen nothing is sent; a subset is sent in the contract order', async () => {
    api.on('lookup:run', () => ok(result('s')));
    const s = new LookupState();
    s.host = 'example.com';
    s.port = '443';
    s.selectAll(false);
    expect(s.allSelected).toBe(false);
    await s.submit();
    expect(api.calls).toEqual([]);
    expect(s.notice).toMatch(/Choose at least one field/);
    s.toggleField('services', true);
    s.toggleField('banners', true);
    await s.submit();
    expect(api.requests('lookup:run')[0]?.select).toEqual(['banners', 'services']);
  });

  test('a pasted URL is tidied into Host and Port, and the note goes once the host is edited', () => {
    const s = new LookupState();
    s.host = 'https://example.com:8443/login';
    s.tidyHost();
    expect(s.host).toBe('example.com');
    expect(s.port).toBe('8443');
    expect(s.hostNotes.length).toBeGreaterThan(0);
    s.host = 'example.org';
    expect(s.hostNotes).toEqual([]);
  });

  test('a link while a lookup runs cancels it, and the late answer is ignored', async () => {
    api.hold('lookup:run').on('lookup:cancel', () => ok({ cancelled: true }) as never);
    const s = new LookupState();
    s.host = 'slow.example';
    s.port = '80';
    const first = s.submit();
    expect(s.loading).toBe(true);
    const second = s.lookUpLink({ kind: 'id', hostPortId: 'fast.example:443' } as never);
    expect(api.requests('lookup:cancel')).toEqual([{ requestId: 'req-1' }]);
    const [slow, fast] = api.held('lookup:run');
    fast?.answer(ok(result('fast')));
    await second;
    slow?.answer(ok(result('slow')));
    await first;
    expect(s.hostPortId).toBe('fast.example:443');
    expect(s.host).toBe('');
    expect(s.result?.snapshotId).toBe('fast');
  });
});
