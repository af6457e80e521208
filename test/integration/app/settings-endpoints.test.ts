// settings:set through the IPC dispatch of a real core: a change of where tokens go waits for the host's
// confirmEndpoints port; a refusal fails typed and leaves the settings as they were.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import type { CoreOptions } from '../../../src-main/core/app-options';
import type { EndpointChange } from '../../../src-main/core/settings';
import { dispatch } from '../../../src-shared/contract';
import { useAppHarness } from './harness';

const app = useAppHarness({ name: 'settings-endpoints' });
const start = (extra: Partial<CoreOptions>): Promise<Core> => app.core({ preview: false, ...extra });

const EVIL = { cloud: 'custom', customAuthority: 'https://login.evil.example', customGraphRoot: 'https://graph.evil.example' };

describe('settings:set and the endpoints tokens go to', () => {
  it('a refused change fails with kind cancelled and changes nothing', async () => {
    const asked: EndpointChange[] = [];
    const c = await start({
      confirmEndpoints: async (change) => {
        asked.push(change);
        return false;
      },
    });
    const reply = await dispatch(c.handlers, 'settings:set', EVIL);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(asked).toEqual([{ authority: 'https://login.evil.example', graphRoot: 'https://graph.evil.example', cloud: 'custom' }]);
    expect(await dispatch(c.handlers, 'settings:get', {})).toMatchObject({ ok: true, value: { cloud: 'global', customAuthority: null, customGraphRoot: null } });
    expect(await dispatch(c.handlers, 'app:info', {})).toMatchObject({ ok: true, value: { cloud: 'global' } });
  });

  it('a confirmed change is saved and in force', async () => {
    const c = await start({ confirmEndpoints: async () => true });
    expect(await dispatch(c.handlers, 'settings:set', EVIL)).toMatchObject({ ok: true, value: EVIL });
    expect(c.authority()).toBe('https://login.evil.example');
  });

  it('other settings are saved without asking', async () => {
    let asked = 0;
    const c = await start({
      confirmEndpoints: async () => {
        asked++;
        return false;
      },
    });
    expect(await dispatch(c.handlers, 'settings:set', { tenant: 'contoso.onmicrosoft.com', saveHistory: false })).toMatchObject({ ok: true });
    expect(asked).toBe(0);
  });

  it('a host that offers no way to ask cannot move the endpoints at all', async () => {
    const c = await start({});
    expect(await dispatch(c.handlers, 'settings:set', EVIL)).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(c.authority()).toBe('https://login.microsoftonline.com');
  });
});
