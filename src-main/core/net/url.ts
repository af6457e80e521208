// URL helpers shared by the transport, the Graph client and the demo source.

/** Joins a service root (with or without a trailing slash) and already-encoded path segments. */
export function joinRoot(root: string, ...segments: string[]): string {
  const base = root.replace(/\/+$/, '');
  const rest = segments.map((s) => s.replace(/^\/+|\/+$/g, '')).filter((s) => s.length > 0);
  return rest.length ? `${base}/${rest.join('/')}` : base;
}

/** The origin of a URL string, or null when it does not parse. */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function sameOrigin(a: string, b: string): boolean {
  const oa = originOf(a);
  return oa !== null && oa !== 'null' && oa === originOf(b);
}

/** Loopback names: plain http is tolerated only for these (local test servers and the preview). */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '127.0.0.1' || h === '[::1]' || h === '::1';
}

/**
 * An allow predicate for createNodeTransport that accepts exactly the given origins
 * (e.g. the Graph service root and the sign-in authority of the configured cloud).
 */
export function allowOrigins(origins: Iterable<string>): (url: URL) => boolean {
  const set = new Set<string>();
  for (const o of origins) {
    const origin = originOf(o);
    if (origin && origin !== 'null') set.add(origin);
  }
  return (url) => set.has(url.origin);
}
