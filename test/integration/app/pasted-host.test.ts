// What the form sends after tidying a paste, and the raw paste itself, are the same lookup to main:
// lookup:run reads the Host text with the form's own rules (demo source, so no network at all).
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import { dispatch, type LookupResultView, type Result } from '../../../src-shared/contract';
import { useAppHarness } from './harness';

const app = useAppHarness({ name: 'pasted' });
const demoCore = (): Promise<Core> => app.core();

const run = (c: Core, request: Record<string, unknown>) => dispatch(c.handlers, 'lookup:run', { requestId: 'r1', ...request }) as Promise<Result<LookupResultView>>;

describe('lookup:run with pasted host text', () => {
  it.each([
    [{ host: 'https://85.13.139[.]18:21/' }],
    [{ host: 'hxxps://85[.]13[.]139[.]18:21/login' }],
    [{ host: ' "85.13.139.18 21" ' }],
    [{ host: '85.13.139.18', port: 21 }],
  ])('%j looks up 85.13.139.18 port 21 of the demo data', async (request) => {
    const c = await demoCore();
    const r = await run(c, request);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.request.resolvedFrom).toEqual({ host: '85.13.139.18', port: 21 });
    expect(r.value.hostPort.port).toBe(21);
  });

  it('refuses a zone id and a conflicting port before any lookup, in the form’s words', async () => {
    const c = await demoCore();
    const zone = await run(c, { host: 'fe80::1%eth0', port: 22 });
    expect(zone).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
    if (!zone.ok) expect(zone.error.message).toMatch(/host: Host "fe80::1%eth0" carries an IPv6 zone id/);
    const conflict = await run(c, { host: 'https://85.13.139.18:21/', port: 22 });
    if (!conflict.ok) expect(conflict.error.message).toMatch(/port: The host names port 21 but Port says 22/);
    expect(conflict.ok).toBe(false);
    const noPort = await run(c, { host: '85.13.139.18' });
    expect(noPort).toMatchObject({ ok: false, error: { kind: 'invalidInput', message: 'Enter a port between 1 and 65535.' } });
  });
});
