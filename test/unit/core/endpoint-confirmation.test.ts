import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortolanFailure } from '../../../src-main/core/failure';
import { resolveCloud } from '../../../src-main/core/graph/clouds';
import { createSettingsStore, withEndpointConfirmation, type EndpointChange } from '../../../src-main/core/settings';
import type { SettingsView } from '../../../src-shared/views';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-endpoints-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function setup(answer: boolean) {
  const store = await createSettingsStore(dir);
  const asked: EndpointChange[] = [];
  const settings = withEndpointConfirmation(store, {
    endpoints: (view: SettingsView) => {
      const c = resolveCloud(view);
      return { authority: c.authorityBase, graphRoot: c.graphRoot, cloud: view.cloud };
    },
    confirm: async (change) => {
      asked.push(change);
      return answer;
    },
  });
  return { store, settings, asked };
}

async function failureOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof PortolanFailure) return err.error;
    throw err;
  }
  throw new Error('expected a failure');
}

const EVIL = { cloud: 'custom', customAuthority: 'https://login.evil.example:8443/t', customGraphRoot: 'https://graph.evil.example' } as const;

describe('settings changes that move where tokens go', () => {
  it('asks with the new authority and Graph root, and saves only on yes', async () => {
    const { settings, asked } = await setup(true);
    const view = await settings.update({ ...EVIL });
    expect(asked).toEqual([{ authority: 'https://login.evil.example:8443/t', graphRoot: 'https://graph.evil.example', cloud: 'custom' }]);
    expect(view).toMatchObject(EVIL);
  });

  it('on cancel fails with kind cancelled and saves nothing (not even the other fields of the patch)', async () => {
    const { settings, store, asked } = await setup(false);
    await settings.update({ clientId: '6a2b1c3d-0000-4000-8000-00000000c11e' });
    const before = readFileSync(store.file, 'utf8');
    const e = await failureOf(settings.update({ ...EVIL, tenant: 'contoso.onmicrosoft.com' }));
    expect(e.kind).toBe('cancelled');
    expect(e.message).toMatch(/not confirmed, so nothing was saved/);
    expect(asked).toHaveLength(1);
    expect(store.get()).toMatchObject({ cloud: 'global', customAuthority: null, customGraphRoot: null, tenant: 'organizations' });
    expect(readFileSync(store.file, 'utf8')).toBe(before);
  });

  it('asks when only the national cloud changes, and when only the custom authority or root changes', async () => {
    const { settings, asked } = await setup(true);
    await settings.update({ cloud: 'usGovL4' });
    expect(asked.at(-1)).toEqual({ authority: 'https://login.microsoftonline.us', graphRoot: 'https://graph.microsoft.us', cloud: 'usGovL4' });
    await settings.update({ ...EVIL });
    await settings.update({ customAuthority: 'https://login.other.example' });
    expect(asked.at(-1)).toMatchObject({ authority: 'https://login.other.example', graphRoot: 'https://graph.evil.example' });
    await settings.update({ customGraphRoot: 'https://graph.other.example' });
    expect(asked.at(-1)).toMatchObject({ authority: 'https://login.other.example', graphRoot: 'https://graph.other.example' });
    expect(asked).toHaveLength(4);
  });

  it('does not ask about changes that leave the endpoints where they are', async () => {
    const { settings, asked } = await setup(false);
    await settings.update({ clientId: '6a2b1c3d-0000-4000-8000-00000000c11e', tenant: 'contoso.onmicrosoft.com', saveHistory: false });
    // Saved for later while the global cloud stays in force: no token goes there yet.
    await settings.update({ customAuthority: 'https://login.evil.example', customGraphRoot: 'https://graph.evil.example' });
    await settings.update({ cloud: 'global' });
    expect(asked).toEqual([]);
  });

  it('refuses an invalid change without asking', async () => {
    const { settings, asked } = await setup(true);
    const e = await failureOf(settings.update({ cloud: 'custom', customGraphRoot: 'https://graph.evil.example' }));
    expect(e.kind).toBe('invalidInput');
    expect(asked).toEqual([]);
  });

  it('handles one change at a time, so a second cannot slip in while the user is being asked', async () => {
    const store = await createSettingsStore(dir);
    let release: (yes: boolean) => void = () => undefined;
    const asked: EndpointChange[] = [];
    const settings = withEndpointConfirmation(store, {
      endpoints: (view) => ({ authority: resolveCloud(view).authorityBase, graphRoot: resolveCloud(view).graphRoot, cloud: view.cloud }),
      confirm: (change) => {
        asked.push(change);
        return new Promise<boolean>((resolve) => {
          release = resolve;
        });
      },
    });
    const first = settings.update({ cloud: 'china' });
    const second = settings.update({ tenant: 'contoso.onmicrosoft.com' });
    await Promise.resolve();
    expect(asked).toHaveLength(1);
    expect(store.get().tenant).toBe('organizations');
    release(false);
    expect((await failureOf(first)).kind).toBe('cancelled');
    expect(await second).toMatchObject({ cloud: 'global', tenant: 'contoso.onmicrosoft.com' });
  });
});
