// "Is Graph reachable right now?" answered by one unauthenticated GET of the service root through the same
// transport as lookups, so a network that reaches Graph only through a proxy does not look offline. Any HTTP
// answer counts (Graph answers its root with an error document); no token is sent. It only decides whether the
// app should open on the saved history instead of a lookup form that cannot work, and the answer is cached
// briefly so repeated app:info calls do not hammer the network.
import type { HttpTransport } from '../ports';

export interface ReachabilityOptions {
  transport: HttpTransport;
  timeoutMs?: number;
  /** How long an answer is reused. */
  ttlMs?: number;
  now?: () => number;
}

/** Returns a probe of a URL (the Graph service root in force). */
export function createReachabilityProbe(opts: ReachabilityOptions): (url: string) => Promise<boolean> {
  const timeoutMs = opts.timeoutMs ?? 3000;
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
    const value = opts.transport({ method: 'GET', url: `${target.origin}/`, timeoutMs }).then(
      () => true,
      () => false,
    );
    cached = { key, at: now(), value };
    return value;
  };
}
