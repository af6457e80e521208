// How portolan:// links reach the app. The OS hands a clicked link over in one of three ways: macOS sends
// 'open-url' (also at launch, before 'ready'); Windows and Linux start a new process with the link in its
// argv, which the single-instance lock turns into 'second-instance' in the running app, or which is the
// first process's own process.argv. Every link goes into the core's inbox (which validates it); a page
// already running is nudged, without data, to pull it with 'app:pendingLinks'. The link is always shown in
// the one window that already runs, restored and focused.
import { resolve } from 'node:path';
import type { App } from 'electron';
import { LINK_SCHEME } from '../core/deep-link';
import type { LinkInbox } from '../core/link-inbox';

/** What Node tells us about how we were started (process.defaultApp is set under `electron .`). */
export interface ProcessInfo {
  defaultApp?: boolean;
  execPath: string;
  argv: readonly string[];
}

/**
 * Makes Portolan the OS handler for portolan://. In development the OS must start the Electron binary
 * with the app's folder, as Electron's documentation describes, or links would open a bare Electron.
 */
export function registerLinkProtocol(app: Pick<App, 'setAsDefaultProtocolClient'>, proc: ProcessInfo): boolean {
  if (proc.defaultApp) {
    const entry = proc.argv[1];
    if (!entry) return false;
    return app.setAsDefaultProtocolClient(LINK_SCHEME, proc.execPath, [resolve(entry)]);
  }
  return app.setAsDefaultProtocolClient(LINK_SCHEME);
}

/** The first argument that is a portolan: link. Chromium adds its own switches around it, in any order. */
export function linkFromArgv(argv: readonly string[]): string | null {
  const prefix = `${LINK_SCHEME}:`;
  return argv.find((arg) => typeof arg === 'string' && arg.slice(0, prefix.length).toLowerCase() === prefix) ?? null;
}

export interface LinkDelivery {
  app: Pick<App, 'on'>;
  inbox: LinkInbox;
  /** This process's own argv: a link there is the one this launch was for. */
  argv: readonly string[];
  /** Restores and focuses the window, or opens one when there is none (macOS keeps running without). */
  reveal(): void;
  log(line: string): void;
}

/** Must run before 'ready': macOS delivers the launching link as 'open-url' before the app is ready. */
export function installLinkDelivery(opts: LinkDelivery): void {
  const receive = (url: string, via: string): void => {
    const outcome = opts.inbox.offer(url);
    opts.log(outcome.ok ? `Link received (${via}): ${describe(outcome.target)}` : `Link refused (${via}): ${outcome.message}`);
    opts.reveal();
  };

  opts.app.on('open-url', (event, url) => {
    // Tells macOS the app handled the link itself.
    event.preventDefault();
    receive(url, 'open-url');
  });

  opts.app.on('second-instance', (_event, argv) => {
    const url = linkFromArgv(argv);
    if (url) receive(url, 'second instance');
    else opts.reveal();
  });

  const initial = linkFromArgv(opts.argv.slice(1));
  if (initial) {
    const outcome = opts.inbox.offer(initial);
    opts.log(outcome.ok ? `Started for link: ${describe(outcome.target)}` : `Link refused (start): ${outcome.message}`);
  }
}

function describe(target: { kind: 'hostPort'; host: string; port: number } | { kind: 'id'; hostPortId: string }): string {
  return target.kind === 'id' ? `host port ID ${target.hostPortId}` : `${target.host} port ${target.port}`;
}
