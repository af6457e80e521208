// Channel names without any runtime dependency, so the sandboxed preload can allow-list them
// without bundling zod. contract.ts checks at compile time that this list and its schemas agree.
export const CHANNEL_NAMES = [
  'app:info',
  'lookup:run',
  'lookup:cancel',
  'lookup:raw',
  'lookup:banners',
  'settings:get',
  'settings:set',
  'auth:status',
  'auth:signIn',
  'auth:cancelSignIn',
  'auth:signOut',
  'auth:switchAccount',
  'history:list',
  'history:snapshots',
  'history:get',
  'history:setMeta',
  'history:delete',
  'history:undo',
  'history:clear',
  'history:compare',
  'history:timeline',
  'history:exportStix',
  'history:exportToFile',
  'history:importFromFile',
  'history:importProgress',
  'shell:openExternal',
  'host:section',
  'app:pendingLinks',
  'proxyLogin:pending',
  'proxyLogin:answer',
  'bulk:start',
  'bulk:pause',
  'bulk:resume',
  'bulk:cancel',
  'bulk:rerunFailed',
  'bulk:status',
  'bulk:results',
  'bulk:export',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Electron IPC channel for a contract channel; the prefix keeps ours apart from anything else. */
export const ipcChannel = (name: ChannelName): string => `portolan:${name}`;

/**
 * Main → renderer nudges. They carry no data at all (the page pulls what it needs through a contract
 * channel, which checks the sender and validates as every call does): a link is waiting in
 * 'app:pendingLinks', or the menu asked for the Settings screen.
 */
export const NOTIFICATIONS = {
  linkAvailable: 'portolan:notify:linkAvailable',
  openSettings: 'portolan:notify:openSettings',
  /** A proxy asks for credentials: the page pulls the request from 'proxyLogin:pending'. */
  proxyLogin: 'portolan:notify:proxyLogin',
} as const;
export type NotificationName = keyof typeof NOTIFICATIONS;

/**
 * The one main → renderer message that carries a value: a menu command, by name. The preload passes on only a
 * name from this list (anything else is dropped), and the page runs the same action as the keyboard shortcut.
 */
export const MENU_COMMAND_CHANNEL = 'portolan:notify:menuCommand';
export const MENU_COMMANDS = ['focusHost', 'palette', 'focusSearch', 'back', 'forward', 'help'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
