// Chromium's `login` event: a server or a proxy wants credentials. Only proxies are answered, by asking the
// analyst (the request waits in the core's queue until the page answers or it times out); a web server
// asking for a password is refused, since Portolan signs in to Microsoft only through Entra ID.
// Nothing here logs or keeps the user name or password: they go straight from the answer to the callback.
import type { App, AuthInfo } from 'electron';
import type { ProxyLoginQueue } from '../core/net/proxy-login';

type LoginCallback = (username?: string, password?: string) => void;

/** Handles one challenge: proxies are queued for the analyst, anything else is cancelled at once. */
export function answerLogin(
  queue: Pick<ProxyLoginQueue, 'add'>,
  authInfo: AuthInfo,
  callback: LoginCallback,
  log?: (line: string) => void,
  /** Aborted when the request that asked has ended: the analyst is no longer asked. */
  ended?: AbortSignal,
): void {
  let called = false;
  const once: LoginCallback = (...args) => {
    if (called) return;
    called = true;
    callback(...args);
  };
  if (!authInfo.isProxy) {
    log?.('Refused a web server\'s request for a user name and password (only proxy credentials are asked for).');
    once();
    return;
  }
  log?.(`Proxy ${authInfo.host}:${authInfo.port} asks for credentials (${authInfo.scheme}); asking the analyst.`);
  const withdraw = queue.add({ host: authInfo.host, port: authInfo.port, realm: authInfo.realm, scheme: authInfo.scheme }, (credentials) =>
    credentials ? once(credentials.username, credentials.password) : once(),
  );
  if (ended?.aborted) withdraw();
  else ended?.addEventListener('abort', withdraw, { once: true });
}

export function installProxyLogin(app: Pick<App, 'on'>, queue: Pick<ProxyLoginQueue, 'add'>, log?: (line: string) => void): void {
  app.on('login', (event, _webContents, _details, authInfo, callback) => {
    // Without preventDefault Electron cancels by itself; taking over lets a proxy challenge wait for the analyst.
    event.preventDefault();
    answerLogin(queue, authInfo, callback, log);
  });
}
