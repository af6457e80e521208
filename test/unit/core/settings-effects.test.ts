// The proxy and theme settings act on the host through injected ports: applied at start and after a saved
// change that touches them; the renderer learns of problems by code and field 'proxyUrl'.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/app';
import type { CoreOptions } from '../../../src-main/core/app-options';
import { createAesEncryptor } from '../../../src-main/core/auth';
import { confKvFactory } from '../../../src-main/core/history';
import type { SessionProxyConfig } from '../../../src-main/core/net/proxy-settings';
import { dispatch } from '../../../src-shared/contract';
import { ERROR_CODES } from '../../../src-shared/error-codes';

let dir: string;
let core: Core | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-settings-effects-'));
});
afterEach(async () => {
  await core?.dispose();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

async function start(extra: Partial<CoreOptions> = {}): Promise<Core> {
  core = await createCore({
    userDataDir: dir,
    version: '0.0.0-test',
    preview: false,
    demo: true,
    kv: confKvFactory,
    encryptor: createAesEncryptor(),
    openBrowser: async () => undefined,
    openExternal: async () => false,
    ...extra,
  });
  return core;
}

function fakePorts() {
  const proxies: SessionProxyConfig[] = [];
  const themes: string[] = [];
  return {
    proxies,
    themes,
    options: {
      applyProxy: vi.fn(async (config: SessionProxyConfig) => void proxies.push(config)),
      applyTheme: vi.fn((theme: 'system' | 'light' | 'dark') => void themes.push(theme)),
    },
  };
}

describe('Settings › Network and the theme', () => {
  it('start applies the saved proxy and theme (system by default)', async () => {
    const ports = fakePorts();
    await start(ports.options);
    expect(ports.proxies).toEqual([{ mode: 'system' }]);
    expect(ports.themes).toEqual(['system']);
  });

  it('a saved manual proxy is applied again at the next start', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, settings: { proxyMode: 'manual', proxyUrl: 'http://proxy.corp.example:3128', theme: 'dark' } }));
    const ports = fakePorts();
    await start(ports.options);
    expect(ports.proxies).toEqual([{ mode: 'fixed_servers', proxyRules: 'http=proxy.corp.example:3128;https=proxy.corp.example:3128', proxyBypassRules: '<local>' }]);
    expect(ports.themes).toEqual(['dark']);
  });

  it('a saved proxy that does not fit its mode starts on the system proxy instead of failing', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, settings: { proxyMode: 'manual', proxyUrl: null } }));
    const ports = fakePorts();
    await start(ports.options);
    expect(ports.proxies).toEqual([{ mode: 'system' }]);
  });

  it('settings:set applies a proxy change, and only a change that touches the proxy', async () => {
    const ports = fakePorts();
    const c = await start(ports.options);
    ports.options.applyProxy.mockClear();
    expect(await dispatch(c.handlers, 'settings:set', { saveHistory: false })).toMatchObject({ ok: true });
    expect(ports.options.applyProxy).not.toHaveBeenCalled();

    const saved = await dispatch(c.handlers, 'settings:set', { proxyMode: 'pac', proxyUrl: 'https://wpad.corp.example/proxy.pac' });
    expect(saved).toMatchObject({ ok: true, value: { proxyMode: 'pac', proxyUrl: 'https://wpad.corp.example/proxy.pac' } });
    expect(ports.options.applyProxy).toHaveBeenCalledTimes(1);
    expect(ports.proxies.at(-1)).toEqual({ mode: 'pac_script', pacScript: 'https://wpad.corp.example/proxy.pac' });

    expect(await dispatch(c.handlers, 'settings:set', { proxyMode: 'direct' })).toMatchObject({ ok: true });
    expect(ports.proxies.at(-1)).toEqual({ mode: 'direct' });
    // The URL is kept for later, and the reload shows it.
    expect(await dispatch(c.handlers, 'settings:get', {})).toMatchObject({ ok: true, value: { proxyMode: 'direct', proxyUrl: 'https://wpad.corp.example/proxy.pac' } });
  });

  it('settings:set applies a theme change', async () => {
    const ports = fakePorts();
    const c = await start(ports.options);
    expect(await dispatch(c.handlers, 'settings:set', { theme: 'light' })).toMatchObject({ ok: true, value: { theme: 'light' } });
    expect(ports.themes).toEqual(['system', 'light']);
    expect(await dispatch(c.handlers, 'app:info', {})).toMatchObject({ ok: true, value: { theme: 'light', networkSettings: true } });
  });

  it.each([
    [{ proxyMode: 'manual' }, ERROR_CODES.PROXY_URL_REQUIRED],
    [{ proxyMode: 'manual', proxyUrl: 'socks5://proxy:1080' }, ERROR_CODES.PROXY_URL_INVALID],
    [{ proxyMode: 'manual', proxyUrl: 'not a url' }, ERROR_CODES.PROXY_URL_INVALID],
    [{ proxyMode: 'manual', proxyUrl: 'http://me:pw@proxy:3128' }, ERROR_CODES.PROXY_URL_CREDENTIALS],
    [{ proxyMode: 'pac', proxyUrl: 'file:///etc/proxy.pac' }, ERROR_CODES.PROXY_URL_INVALID],
  ] as const)('%o is refused with field proxyUrl and code %s, nothing applied or saved', async (patch, code) => {
    const ports = fakePorts();
    const c = await start(ports.options);
    ports.options.applyProxy.mockClear();
    const reply = await dispatch(c.handlers, 'settings:set', patch);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalidInput', field: 'proxyUrl', code } });
    expect(ports.options.applyProxy).not.toHaveBeenCalled();
    expect(await dispatch(c.handlers, 'settings:get', {})).toMatchObject({ ok: true, value: { proxyMode: 'system', proxyUrl: null } });
  });

  it('a proxy the host cannot switch to is reported, with the setting saved', async () => {
    const c = await start({ applyProxy: async () => Promise.reject(new Error('setProxy failed')) });
    const reply = await dispatch(c.handlers, 'settings:set', { proxyMode: 'direct' });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(await dispatch(c.handlers, 'settings:get', {})).toMatchObject({ ok: true, value: { proxyMode: 'direct' } });
  });

  it('without a host port (the web preview) the setting is kept and app:info says it is not in use', async () => {
    const c = await start();
    expect(await dispatch(c.handlers, 'settings:set', { proxyMode: 'manual', proxyUrl: 'http://127.0.0.1:3128' })).toMatchObject({ ok: true });
    expect(await dispatch(c.handlers, 'app:info', {})).toMatchObject({ ok: true, value: { networkSettings: false, theme: 'system' } });
  });

  it('proxyLogin channels answer nothing where the host has no proxy prompts', async () => {
    const c = await start();
    expect(await dispatch(c.handlers, 'proxyLogin:pending', {})).toEqual({ ok: true, value: { challenge: null } });
    expect(await dispatch(c.handlers, 'proxyLogin:answer', { id: 'x', cancel: true })).toEqual({ ok: true, value: { answered: false } });
  });

  it('proxyLogin channels reach the host queue; the contract refuses half an answer', async () => {
    const { createProxyLoginQueue } = await import('../../../src-main/core/net/proxy-login');
    const proxyLogins = createProxyLoginQueue({ newId: () => 'c1' });
    const c = await start({ proxyLogins });
    const respond = vi.fn();
    proxyLogins.add({ host: 'proxy', port: 3128, realm: '', scheme: 'basic' }, respond);
    expect(await dispatch(c.handlers, 'proxyLogin:pending', {})).toMatchObject({ ok: true, value: { challenge: { id: 'c1', host: 'proxy', port: 3128 } } });
    expect(await dispatch(c.handlers, 'proxyLogin:answer', { id: 'c1', username: 'analyst' })).toMatchObject({ ok: false, error: { code: 'REQUEST_INVALID' } });
    const answered = await dispatch(c.handlers, 'proxyLogin:answer', { id: 'c1', username: 'analyst', password: 'pw' });
    // The reply carries no credentials back.
    expect(answered).toEqual({ ok: true, value: { answered: true } });
    expect(respond).toHaveBeenCalledWith({ username: 'analyst', password: 'pw' });
  });
});
