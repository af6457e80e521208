import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron, FakeWebContents } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { lockNavigation } = await import('../../../src-main/electron/navigation');
const { createExternalOpener } = await import('../../../src-main/electron/external');

function setup() {
  const contents = new FakeWebContents();
  const shell = { openExternal: vi.fn(async () => undefined) };
  const opener = createExternalOpener(shell, () => 'https://login.microsoftonline.com');
  lockNavigation(contents as never, { appOrigin: 'app://portolan', openExternal: (url) => opener.openExternal(url) });
  return { contents, shell };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('navigation lock', () => {
  it('lets the window move within our own origin', () => {
    const { contents } = setup();
    expect(contents.navigate('will-navigate', 'app://portolan/index.html#/history')).toBe(false);
    expect(contents.navigate('will-redirect', 'app://portolan/index.html')).toBe(false);
    expect(contents.navigate('will-frame-navigate', 'app://portolan/index.html')).toBe(false);
  });

  it.each(['https://evil.example/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'data:text/html,hi', 'about:blank'])(
    'blocks navigation to %s',
    async (url) => {
      const { contents, shell } = setup();
      expect(contents.navigate('will-navigate', url)).toBe(true);
      expect(contents.navigate('will-redirect', url)).toBe(true);
      expect(contents.navigate('will-frame-navigate', url)).toBe(true);
      await tick();
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('hands an allow-listed docs link to the system browser instead of navigating', async () => {
    const { contents, shell } = setup();
    expect(contents.navigate('will-navigate', 'https://learn.microsoft.com/en-us/graph/')).toBe(true);
    await tick();
    expect(shell.openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/en-us/graph/');
  });

  it('never follows a redirect out of the app, even to an allow-listed host', async () => {
    const { contents, shell } = setup();
    expect(contents.navigate('will-redirect', 'https://learn.microsoft.com/')).toBe(true);
    await tick();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every window.open; allow-listed https URLs open externally', async () => {
    const { contents, shell } = setup();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://portolan/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://learn.microsoft.com/x' })).toEqual({ action: 'deny' });
    await tick();
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/x');
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = setup();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
