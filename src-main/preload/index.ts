// The preload: the only code with both the page's window and Electron IPC in reach. It runs sandboxed
// (so it may only require 'electron') and is bundled as one CommonJS file. It imports channels.ts, which
// has no runtime dependencies; contract.ts (zod) is imported for types only and erased from the bundle.
//
// It exposes exactly one object, window.portolan: invoke(), plus listeners for main's data-less nudges
// (a portolan:// link is waiting; the menu asked for Settings; a proxy asks for credentials), and the menu's
// shortcut commands by name, checked against a fixed list. The page never receives ipcRenderer, an
// IpcRendererEvent, or any value from main through a listener: a compromised renderer (say, markup smuggled
// in a banner) can only make the calls the contract already allows, and main validates each of those again.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, ipcChannel, isMenuCommand, MENU_COMMAND_CHANNEL, NOTIFICATIONS, type ChannelName, type NotificationName } from '../../src-shared/channels';
import type { PortolanApi, PortolanError, PortolanNotifications } from '../../src-shared/contract';

const ALLOWED: ReadonlySet<string> = new Set(CHANNEL_NAMES);

/** A Result-shaped refusal, like the ones main returns, so the renderer handles one shape of error. */
function refuse(channel: unknown): Promise<{ ok: false; error: PortolanError }> {
  return Promise.resolve({ ok: false, error: { kind: 'invalidInput', message: `Unknown channel: ${String(channel).slice(0, 80)}` } });
}

const api: PortolanApi = {
  invoke(channel, request) {
    if (typeof channel !== 'string' || !ALLOWED.has(channel)) return refuse(channel);
    // Only the request crosses; the reply is main's plain Result value (structured-cloned).
    return ipcRenderer.invoke(ipcChannel(channel as ChannelName), request);
  },
};

/** Calls the listener with no arguments at all, whatever main (or anything else) sent along. */
function listen(name: NotificationName, listener: unknown): () => void {
  if (typeof listener !== 'function') return () => undefined;
  const channel = NOTIFICATIONS[name];
  const relay = (): void => void (listener as () => unknown)();
  ipcRenderer.on(channel, relay);
  return () => void ipcRenderer.removeListener(channel, relay);
}

/** Passes on a menu command's name only when it is one of MENU_COMMANDS; the event and anything else stay here. */
function listenMenu(listener: unknown): () => void {
  if (typeof listener !== 'function') return () => undefined;
  const relay = (_event: unknown, command: unknown): void => {
    if (isMenuCommand(command)) void (listener as (c: string) => unknown)(command);
  };
  ipcRenderer.on(MENU_COMMAND_CHANNEL, relay);
  return () => void ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, relay);
}

const notifications: PortolanNotifications = {
  onLinkAvailable: (listener) => listen('linkAvailable', listener),
  onOpenSettings: (listener) => listen('openSettings', listener),
  onProxyLogin: (listener) => listen('proxyLogin', listener),
  onMenuCommand: (listener) => listenMenu(listener),
};

contextBridge.exposeInMainWorld(
  'portolan',
  Object.freeze({
    invoke: api.invoke,
    onLinkAvailable: notifications.onLinkAvailable,
    onOpenSettings: notifications.onOpenSettings,
    onProxyLogin: notifications.onProxyLogin,
    onMenuCommand: notifications.onMenuCommand,
  }),
);
