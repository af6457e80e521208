import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { installPermissionPolicy, isPermissionAllowed } = await import('../../../src-main/electron/permissions');
const { installDownloadPolicy, isAllowedDownloadUrl } = await import('../../../src-main/electron/downloads');

const ORIGIN = 'app://portolan';
const PERMISSIONS = ['media', 'geolocation', 'notifications', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'fileSystem', 'display-capture', 'hid', 'serial', 'usb', 'unknown'];

describe('permission requests', () => {
  const fake = createFakeElectron();
  const session = fake.electron.session.defaultSession;
  installPermissionPolicy(session as never, ORIGIN);
  const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
    wc: unknown,
    permission: string,
    cb: (granted: boolean) => void,
    details: { requestingUrl?: string },
  ) => void;
  const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, permission: string, origin: string) => boolean;
  const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (details: unknown) => boolean;

  it.each(PERMISSIONS)('denies %s, even for our own origin', (permission) => {
    const cb = vi.fn();
    request(null, permission, cb, { requestingUrl: 'app://portolan/index.html' });
    expect(cb).toHaveBeenCalledWith(false);
    expect(check(null, permission, ORIGIN)).toBe(false);
  });

  it('allows only clipboard writes (the Copy button), only from our origin', () => {
    const cb = vi.fn();
    request(null, 'clipboard-sanitized-write', cb, { requestingUrl: 'app://portolan/index.html' });
    expect(cb).toHaveBeenCalledWith(true);
    const foreign = vi.fn();
    request(null, 'clipboard-sanitized-write', foreign, { requestingUrl: 'https://evil.example/' });
    expect(foreign).toHaveBeenCalledWith(false);
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, ORIGIN)).toBe(false);
  });

  it('refuses device access', () => {
    expect(device({ deviceType: 'usb', origin: ORIGIN })).toBe(false);
  });
});

describe('downloads', () => {
  it('allows only blob: URLs from our origin and data: URLs (the history export)', () => {
    expect(isAllowedDownloadUrl('blob:app://portolan/3f1c', ORIGIN)).toBe(true);
    expect(isAllowedDownloadUrl('data:application/json,{}', ORIGIN)).toBe(true);
    expect(isAllowedDownloadUrl('blob:https://evil.example/3f1c', ORIGIN)).toBe(false);
    expect(isAllowedDownloadUrl('https://evil.example/payload.exe', ORIGIN)).toBe(false);
    expect(isAllowedDownloadUrl('file:///etc/passwd', ORIGIN)).toBe(false);
  });

  it('cancels any other download', () => {
    const fake = createFakeElectron();
    const session = fake.electron.session.defaultSession;
    installDownloadPolicy(session as never, ORIGIN);
    const bad = { preventDefault: vi.fn() };
    session.emit('will-download', bad, { getURL: () => 'https://evil.example/x.exe' });
    expect(bad.preventDefault).toHaveBeenCalled();
    const good = { preventDefault: vi.fn() };
    session.emit('will-download', good, { getURL: () => 'blob:app://portolan/1' });
    expect(good.preventDefault).not.toHaveBeenCalled();
  });
});
