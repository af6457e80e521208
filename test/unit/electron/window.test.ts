import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeElectron }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron');
  fake.current = createFakeElectron();
  return fake.current.module;
});

const { createMainWindow, secureWebPreferences } = await import('../../../src-main/electron/window');

const SECURE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
};

describe('main window', () => {
  it('pins every security-relevant webPreference', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs', { devTools: false });
    expect(prefs).toMatchObject(SECURE);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.devTools).toBe(false);
    // Nothing that loosens the renderer may appear at all.
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session']) expect(prefs).not.toHaveProperty(key);
  });

  it('creates the BrowserWindow with those preferences, hidden until ready-to-show, loading our URL', () => {
    const window = createMainWindow({ preloadPath: '/p/index.cjs', url: 'app://portolan/index.html', devTools: false }) as unknown as InstanceType<
      FakeElectron['electron']['BrowserWindow']
    >;
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ ...SECURE, preload: '/p/index.cjs', devTools: false });
    expect(window.loadURL).toHaveBeenCalledWith('app://portolan/index.html');
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('allows DevTools only when asked (development builds)', () => {
    expect(secureWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });
});

describe('no code path weakens the sandbox', () => {
  const dir = new URL('../../../src-main/electron/', import.meta.url).pathname;
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));

  it.each([
    /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/,
    /contextIsolation\s*:\s*false/,
    /sandbox\s*:\s*false/,
    /webSecurity\s*:\s*false/,
    /allowRunningInsecureContent\s*:\s*true/,
    /webviewTag\s*:\s*true/,
    /experimentalFeatures\s*:\s*true/,
    /enableBlinkFeatures/,
    /bypassCSP\s*:\s*true/,
    /corsEnabled\s*:\s*true/,
    /appendSwitch/,
    /disable-web-security|no-sandbox|ignore-certificate-errors/,
    /setCertificateVerifyProc|certificate-error/,
    /ipcMain\.on\(/,
    /loadFile\(|file:\/\//,
    /webFrame|executeJavaScript/,
  ])('no source file matches %s', (pattern) => {
    const offenders = sources.filter((s) => pattern.test(s.text.replace(/^\s*\/\/.*$/gm, ''))).map((s) => s.file);
    expect(offenders).toEqual([]);
  });

  it('only window.ts constructs a BrowserWindow or sets webPreferences', () => {
    const constructing = sources.filter((s) => /new BrowserWindow\(|webPreferences\s*:/.test(s.text)).map((s) => s.file);
    expect(constructing).toEqual(['window.ts']);
  });
});
