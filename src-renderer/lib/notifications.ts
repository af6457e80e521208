// Main's data-less nudges (the app's preload only; the web preview has none, and the page pulls what it
// needs on load instead). Each subscription returns its unsubscribe function.
import type { MenuCommand, PortolanNotifications } from '../../src-shared/contract';

type Source = Partial<PortolanNotifications> | undefined;

const current = (): Source => (typeof window === 'undefined' ? undefined : window.portolan);

/** A portolan:// link is waiting in 'app:pendingLinks'. */
export function onLinkAvailable(listener: () => void, source: Source = current()): () => void {
  return source?.onLinkAvailable?.(listener) ?? (() => undefined);
}

/** The menu asked for the Settings screen. */
export function onOpenSettings(listener: () => void, source: Source = current()): () => void {
  return source?.onOpenSettings?.(listener) ?? (() => undefined);
}

/** A proxy asks for credentials: the request waits in 'proxyLogin:pending'. */
export function onProxyLogin(listener: () => void, source: Source = current()): () => void {
  return source?.onProxyLogin?.(listener) ?? (() => undefined);
}

/** A Go menu item asked for a keyboard shortcut's action (the app only; the preview's page has no menu). */
export function onMenuCommand(listener: (command: MenuCommand) => void, source: Source = current()): () => void {
  return source?.onMenuCommand?.(listener) ?? (() => undefined);
}
