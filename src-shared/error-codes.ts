// Portolan's own error codes: the stable names, with `kind` and `field`, that the renderer decides on. Main's
// messages are for the analyst to read and may be reworded at any time; code that branches never reads them.
// PortolanError.code also carries codes from elsewhere, shown for support and listed nowhere here: Graph's
// error.code ('itemNotFound', 'generalException'), sign-in codes ('AADSTS65001', MSAL's), errno names ('ECONNREFUSED').
export const ERROR_CODES = {
  /** A request failed the IPC contract's schema; `field` is the top-level key at fault, when there is one. */
  REQUEST_INVALID: 'REQUEST_INVALID',

  // Settings (settings:set, and the preview's --authority/--client-id/--tenant/--graph-base-url flags). `field` is
  // the settings key whose value was refused, so the settings view shows the message beside that input.
  SETTINGS_NOT_AN_OBJECT: 'SETTINGS_NOT_AN_OBJECT',
  /** A key that is not a setting; no `field`. */
  SETTINGS_UNKNOWN_SETTING: 'SETTINGS_UNKNOWN_SETTING',
  SETTINGS_INVALID_CLOUD: 'SETTINGS_INVALID_CLOUD',
  SETTINGS_INVALID_CUSTOM_AUTHORITY: 'SETTINGS_INVALID_CUSTOM_AUTHORITY',
  SETTINGS_INVALID_CUSTOM_GRAPH_ROOT: 'SETTINGS_INVALID_CUSTOM_GRAPH_ROOT',
  /** The custom cloud is chosen without a sign-in authority (field customAuthority). */
  SETTINGS_MISSING_CUSTOM_AUTHORITY: 'SETTINGS_MISSING_CUSTOM_AUTHORITY',
  /** The custom cloud is chosen without a Graph service root (field customGraphRoot). */
  SETTINGS_MISSING_CUSTOM_GRAPH_ROOT: 'SETTINGS_MISSING_CUSTOM_GRAPH_ROOT',
  SETTINGS_INVALID_TENANT: 'SETTINGS_INVALID_TENANT',
  /** 'consumers': personal Microsoft accounts, which the threat intelligence API does not serve (field tenant). */
  SETTINGS_PERSONAL_ACCOUNTS_TENANT: 'SETTINGS_PERSONAL_ACCOUNTS_TENANT',
  SETTINGS_INVALID_CLIENT_ID: 'SETTINGS_INVALID_CLIENT_ID',
  SETTINGS_INVALID_API_VERSION: 'SETTINGS_INVALID_API_VERSION',
  SETTINGS_INVALID_SAVE_HISTORY: 'SETTINGS_INVALID_SAVE_HISTORY',
  SETTINGS_INVALID_RETENTION_PER_HOST_PORT: 'SETTINGS_INVALID_RETENTION_PER_HOST_PORT',
  SETTINGS_INVALID_RETENTION_DAYS: 'SETTINGS_INVALID_RETENTION_DAYS',
  SETTINGS_INVALID_ALLOW_WEAK_CACHE_ENCRYPTION: 'SETTINGS_INVALID_ALLOW_WEAK_CACHE_ENCRYPTION',
  SETTINGS_INVALID_PROXY_MODE: 'SETTINGS_INVALID_PROXY_MODE',
  SETTINGS_INVALID_THEME: 'SETTINGS_INVALID_THEME',
  // Settings › Network, field 'proxyUrl': no URL for the manual or PAC choice, a URL that is not one (or not
  // http/https), or one carrying a user name or password (those are asked for, never stored).
  PROXY_URL_REQUIRED: 'PROXY_URL_REQUIRED',
  PROXY_URL_INVALID: 'PROXY_URL_INVALID',
  PROXY_URL_CREDENTIALS: 'PROXY_URL_CREDENTIALS',

  // History (kind 'notFound'): the saved history has no such entry, which is not Graph's "never observed".
  HISTORY_SNAPSHOT_NOT_FOUND: 'HISTORY_SNAPSHOT_NOT_FOUND',
  HISTORY_HOST_PORT_NOT_FOUND: 'HISTORY_HOST_PORT_NOT_FOUND',
  /** The undo token expired (30 minutes), was used, or was pushed out by later deletions. */
  HISTORY_UNDO_EXPIRED: 'HISTORY_UNDO_EXPIRED',
  /** (kind 'storage') The process that keeps the history stopped during this call; the next call starts it again. */
  HISTORY_HOST_STOPPED: 'HISTORY_HOST_STOPPED',
  /** (kind 'storage') The history could not be reached this session (its process does not start), or it is closed. */
  HISTORY_UNAVAILABLE: 'HISTORY_UNAVAILABLE',

  // Host sections (kind 'notConfigured', field: the section): Microsoft does not offer this endpoint in the
  // configured national cloud, so no request was made.
  ENDPOINT_NOT_IN_CLOUD: 'ENDPOINT_NOT_IN_CLOUD',

} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

