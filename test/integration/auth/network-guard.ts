// Fails any socket connection that is not to loopback, for the duration of a test file. Patching
// net.Socket.prototype.connect catches every client in the process (http, https, tls, fetch/undici),
// because each of them ends up there before a packet is sent.
import * as net from 'node:net';
import { afterAll, beforeAll } from 'vitest';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface NetworkGuard {
  /** Every host a socket tried to connect to. */
  readonly hosts: string[];
  /** Non-loopback attempts that were blocked. */
  readonly blocked: string[];
  restore(): void;
}

export function installNetworkGuard(): NetworkGuard {
  const original = net.Socket.prototype.connect;
  const hosts: string[] = [];
  const blocked: string[] = [];
  net.Socket.prototype.connect = function patched(this: net.Socket, ...args: unknown[]) {
    const host = targetHost(args);
    if (host !== null) {
      hosts.push(host);
      if (!LOOPBACK.has(host)) {
        blocked.push(host);
        const err = Object.assign(new Error(`network guard: connection to ${host} blocked`), { code: 'EGUARD' });
        process.nextTick(() => this.destroy(err));
        return this;
      }
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return {
    hosts,
    blocked,
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}

/**
 * The guard for the whole test file that calls this at its top level: installed before its first test,
 * removed after its last. The returned guard reads the installed one, so tests and hooks may hold it.
 */
export function useNetworkGuard(): NetworkGuard {
  let installed: NetworkGuard | null = null;
  beforeAll(() => {
    installed = installNetworkGuard();
  });
  afterAll(() => installed?.restore());
  const live = (): NetworkGuard => {
    if (!installed) throw new Error('the network guard is installed in beforeAll: read it from a test or hook');
    return installed;
  };
  return {
    get hosts() {
      return live().hosts;
    },
    get blocked() {
      return live().blocked;
    },
    restore: () => live().restore(),
  };
}

/** The host a connect() call targets, or null for a local pipe/unix socket. */
function targetHost(args: unknown[]): string | null {
  // Node normalises net.connect(...) into connect([options, cb]) internally; user code may pass (port, host).
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === 'object') {
    const o = first as { host?: string; path?: string };
    if (o.path) return null;
    return o.host ?? 'localhost';
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  return typeof first === 'string' ? null : 'localhost';
}
