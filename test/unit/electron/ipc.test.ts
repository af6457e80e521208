import { describe, expect, it, vi } from 'vitest';
import { createFakeElectron, FakeWebContents, type FakeFrame } from './fake-electron';

vi.mock('electron', () => createFakeElectron().module);

const { registerIpcHandlers, UNTRUSTED_SENDER } = await import('../../../src-main/electron/ipc');
const { channels, ipcChannel } = await import('../../../src-shared/contract');
type Handlers = import('../../../src-shared/contract').Handlers;

/** A handler map whose every method records its call and answers ok. */
function fakeHandlers() {
  const calls: Array<{ channel: string; request: unknown }> = [];
  const handlers = Object.fromEntries(
    Object.keys(channels).map((channel) => [
      channel,
      async (request: unknown) => {
        calls.push({ channel, request });
        return { ok: true, value: { echoed: channel } };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

function setup() {
  const fake = createFakeElectron();
  const contents = new FakeWebContents();
  const { handlers, calls } = fakeHandlers();
  let trusted: FakeWebContents | null = contents;
  const unregister = registerIpcHandlers(fake.electron.ipcMain as never, handlers, {
    appOrigin: 'app://portolan',
    trustedContents: () => trusted as never,
  });
  const call = (channel: string, payload: unknown, sender: { sender?: FakeWebContents; senderFrame?: FakeFrame | null } = {}) => {
    const handler = fake.ipcHandlers.get(ipcChannel(channel as never));
    if (!handler) throw new Error(`no handler for ${channel}`);
    const event = { sender: sender.sender ?? contents, senderFrame: sender.senderFrame === undefined ? contents.mainFrame : sender.senderFrame };
    return handler(event, payload) as Promise<{ ok: boolean; error?: { kind: string; code?: string; message: string } }>;
  };
  return { fake, contents, calls, call, unregister, setTrusted: (c: FakeWebContents | null) => (trusted = c) };
}

describe('ipcMain wiring', () => {
  it('registers exactly the contract channels, each once, and nothing else', () => {
    const { fake } = setup();
    const registered = fake.electron.ipcMain.handle.mock.calls.map((c) => c[0]).sort();
    expect(registered).toEqual(Object.keys(channels).map((c) => ipcChannel(c as never)).sort());
    expect(fake.electron.ipcMain.on).not.toHaveBeenCalled();
  });

  it('removes its handlers again', () => {
    const { fake, unregister } = setup();
    unregister();
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('dispatches a valid request from our main frame to the handler', async () => {
    const { call, calls } = setup();
    const result = await call('history:list', { text: 'ftp' });
    expect(result).toEqual({ ok: true, value: { echoed: 'history:list' } });
    expect(calls[0]).toEqual({ channel: 'history:list', request: expect.objectContaining({ text: 'ftp', offset: 0, limit: 100 }) });
  });

  it('answers an invalid payload with a typed invalidInput value, never reaching the handler', async () => {
    const { call, calls } = setup();
    const result = await call('lookup:run', { requestId: 'a', port: 21, evil: true });
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('invalidInput');
    expect(result.error?.message).toMatch(/lookup:run/);
    expect(await call('history:clear', { confirm: 'yes' })).toMatchObject({ ok: false, error: { kind: 'invalidInput' } });
    expect(calls).toEqual([]);
  });

  describe('sender check', () => {
    it('refuses a subframe of our window', async () => {
      const { call, contents, calls } = setup();
      const result = await call('app:info', {}, { senderFrame: contents.subframe('app://portolan/index.html') });
      expect(result).toEqual({ ok: false, error: { ...UNTRUSTED_SENDER } });
      expect(calls).toEqual([]);
    });

    it('refuses our main frame after it navigated to a foreign origin', async () => {
      const { call, contents } = setup();
      const frame = { ...contents.mainFrame, url: 'https://evil.example/' };
      expect(await call('app:info', {}, { senderFrame: frame })).toMatchObject({ ok: false, error: { kind: 'forbidden', code: 'untrustedSender' } });
    });

    it('refuses another web contents, even one showing our origin', async () => {
      const { call } = setup();
      const other = new FakeWebContents();
      expect(await call('app:info', {}, { sender: other, senderFrame: other.mainFrame })).toMatchObject({ ok: false, error: { code: 'untrustedSender' } });
    });

    it('refuses a destroyed or detached frame, and any call while there is no window', async () => {
      const { call, contents, setTrusted } = setup();
      expect(await call('app:info', {}, { senderFrame: null })).toMatchObject({ ok: false, error: { code: 'untrustedSender' } });
      expect(await call('app:info', {}, { senderFrame: { ...contents.mainFrame, detached: true } })).toMatchObject({ ok: false });
      setTrusted(null);
      expect(await call('app:info', {})).toMatchObject({ ok: false, error: { code: 'untrustedSender' } });
    });

    it('refuses a frame with our routing id in another process (a different page)', async () => {
      const { call, contents } = setup();
      expect(await call('app:info', {}, { senderFrame: { ...contents.mainFrame, processId: 999 } })).toMatchObject({ ok: false });
    });

    it('returns a fresh copy of the refusal each time (callers cannot mutate the shared value)', async () => {
      const { call } = setup();
      const result = await call('app:info', {}, { senderFrame: null });
      expect(result.error).not.toBe(UNTRUSTED_SENDER);
      expect(Object.isFrozen(UNTRUSTED_SENDER)).toBe(true);
    });
  });
});
