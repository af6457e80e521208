import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, isAppUrl, originOf, resolveAppFile } = await import(
  '../../../src-main/electron/app-protocol'
);
const { CONTENT_SECURITY_POLICY } = await import('../../../src-main/electron/csp');

let root = '';
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'portolan-proto-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Portolan</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'blob.bin'), 'x');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer folder');
});

describe('app:// scheme', () => {
  it('is privileged as standard and secure, without bypassing CSP or enabling CORS', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });

  it('computes origins for our scheme (Node would say "null")', () => {
    expect(originOf('app://portolan/index.html')).toBe('app://portolan');
    expect(originOf('app://PORTOLAN/x')).toBe('app://portolan');
    expect(originOf('about:blank')).toBeNull();
    expect(isAppUrl('app://portolan/#/history', 'app://portolan')).toBe(true);
    expect(isAppUrl('app://other/index.html', 'app://portolan')).toBe(false);
    expect(isAppUrl('https://portolan/index.html', 'app://portolan')).toBe(false);
  });
});

describe('resolveAppFile', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://portolan/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://portolan/index.html?x=1#y')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://portolan/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it.each([
    'app://portolan/../secret.txt',
    'app://portolan/%2e%2e/secret.txt',
    'app://portolan/assets/..%2f..%2fsecret.txt',
    'app://portolan/assets/..%5c..%5csecret.txt',
    'app://portolan/..\\secret.txt',
    'app://portolan/index.html%00.js',
    'app://portolan/%E0%A4%A',
    'app://evil/index.html',
    'app://user:pw@portolan/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    const resolved = resolveAppFile(root, url);
    if (resolved !== null) {
      // The URL parser may normalise dot segments away; whatever is left must stay inside the folder.
      expect(resolved.startsWith(root + '/')).toBe(true);
    }
  });

  it('a path that normalises to the root serves index.html, never the folder itself', () => {
    expect(resolveAppFile(root, 'app://portolan/assets/..')).toBe(join(root, 'index.html'));
  });
});

describe('protocol handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves index.html with the CSP and a correct MIME type', async () => {
    const res = await handler()(new Request('app://portolan/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('Portolan');
  });

  it('serves module scripts as JavaScript and stylesheets as CSS', async () => {
    expect((await handler()(new Request('app://portolan/assets/index-abc.js'))).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await handler()(new Request('app://portolan/assets/index-abc.css'))).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('404s for missing files, unknown file types and traversal; 405 for writes', async () => {
    expect((await handler()(new Request('app://portolan/missing.js'))).status).toBe(404);
    expect((await handler()(new Request('app://portolan/assets/blob.bin'))).status).toBe(404);
    expect((await handler()(new Request('app://portolan/assets/..%2f..%2fsecret.txt'))).status).toBe(404);
    expect((await handler()(new Request('app://portolan/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
