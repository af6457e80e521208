// "Is Graph reachable right now?" answered by opening (and closing) one TCP connection to the service
// root's host. No request, no token: it only decides whether the app should open on the saved history
// instead of a lookup form that cannot work. The answer is cached briefly so repeated app:info calls
// do not hammer the network.
import { connect } from 'node:net';

export interface ReachabilityOptions {
  timeoutMs?: number;
  /** How long an answer is reused. */
  ttlMs?: number;
  now?: () => number;
}

/** Returns a probe of the host:port of a URL (the Graph service root in force). */
export function createReachabilityProbe(opts: ReachabilityOptions = {}): (url: string) => Promise<boolean> {
  const timeoutMs = opts.timeoutMs ?? 1500;
  const ttlMs = opts.ttlMs ?? 15_000;
  const now = opts.now ?? Date.now;
  let cached: { key: string; at: number; value: Promise<boolean> } | null = null;

  return (url) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve(false);
    }
    const key = target.origin;
    if (cached && cached.key === key && now() - cached.at < ttlMs) return cached.value;
    const value = probe(target, timeoutMs);
    cached = { key, at: now(), value };
    return value;
  };
}

function probe(url: URL, timeoutMs: number): Promise<boolean> {
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  // URL keeps IPv6 literals in brackets; net.connect wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
