// Channel names without any runtime dependency, so the sandboxed preload can allow-list them
// without bundling zod. contract.ts checks at compile time that this list and its schemas agree.
export const CHANNEL_NAMES = [
  'app:info',
  'lookup:run',
  'lookup:cancel',
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
  'history:export',
  'history:import',
  'shell:openExternal',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Electron IPC channel for a contract channel; the prefix keeps ours apart from anything else. */
export const ipcChannel = (name: ChannelName): string => `portolan:${name}`;
