import type { HistoryScheduler } from './history';
import type { SpawnHost } from './history-host/protocol';
import type { LinkInbox } from './link-inbox';
import type { ProxyLoginQueue } from './net/proxy-login';
import type { SessionProxyConfig } from './net/proxy-settings';
import type { Clock, Encryptor, HttpTransport, KvStoreFactory } from './ports';
import type { ConfirmEndpoints } from './settings/endpoint-confirmation';
import type { ThemeChoice } from '../../src-shared/views';
import type { FileDialogs } from './service/history-files';

/** Everything the host (Electron shell or web preview) plugs into the core. */
export interface CoreOptions {
  /** Folder for settings, history and the encrypted token cache. */
  userDataDir: string;
  version: string;
  /** True for the web preview (never part of the packaged app). */
  preview: boolean;
  /** electron-store in the app, conf in Node. */
  kv: KvStoreFactory;
  /** safeStorage in the app; an AES key-file encryptor in the preview; a test encryptor in tests. */
  encryptor: Encryptor;
  /** Opens the sign-in URL in the system browser (the preview prints SIGNIN_URL=… instead). */
  openBrowser: (url: string) => Promise<void>;
  /** Opens an allow-listed https URL for the user (docs links). Returns false when refused. */
  openExternal: (url: string) => Promise<boolean>;
  /**
   * Asks the user before settings:set moves the sign-in authority or Graph root (where tokens go): a native
   * modal in the app. Without it such changes are refused, so a host cannot forget to ask.
   */
  confirmEndpoints?: ConfirmEndpoints;
  /** Preview flags; not persisted. */
  overrides?: {
    graphBaseUrl?: string;
    authority?: string;
    clientId?: string;
    tenant?: string;
    /** Extra CA (PEM) trusted for the Graph and authority endpoints. */
    caPem?: string;
    /** http://[user:password@]host:port: every Graph and sign-in request goes through this forward proxy. */
    proxy?: string;
  };
  /** PORTOLAN_GRAPH_TOKEN: a static bearer token that replaces sign-in. Preview only. */
  staticToken?: string;
  /** Force the embedded demo source. */
  demo?: boolean;
  /**
   * What carries Graph and sign-in requests: Electron's net.request in the app (system and PAC proxy, OS trust
   * store); by default Node's http stack with --ca-file and --proxy. The endpoint allow-list is applied around it.
   */
  transport?: HttpTransport;
  clock?: Clock;
  /** Runs the history's deferred housekeeping; tests drive it by hand (in-process history only). */
  historyScheduler?: HistoryScheduler;
  /**
   * Starts the process or thread that owns the history files (the app: a utility process; the preview: a worker),
   * so the thread serving IPC never waits on the disk. Without it the history opens in this process (unit tests).
   */
  historyHost?: SpawnHost;
  /** The host's view of connectivity (Electron's net.isOnline). */
  isOnline?: () => boolean;
  log?: (line: string) => void;
  /** portolan:// links handed to the host, served to the renderer by 'app:pendingLinks'. */
  links?: LinkInbox;
  /**
   * Applies Settings › Network to the host's network stack (the app: session.setProxy); called at start and
   * after a change of the proxy settings. Without it (the web preview) the setting is kept but not used.
   */
  applyProxy?: (config: SessionProxyConfig) => Promise<void>;
  /** Applies the theme setting to the host (the app: nativeTheme.themeSource); at start and after a change. */
  applyTheme?: (theme: ThemeChoice) => void;
  /** Save and open dialogs for history export and import (the app); the preview streams over HTTP instead. */
  fileDialogs?: FileDialogs;
  /** Proxy credential requests waiting for the analyst, served by 'proxyLogin:pending' and 'proxyLogin:answer'. */
  proxyLogins?: ProxyLoginQueue;
}
