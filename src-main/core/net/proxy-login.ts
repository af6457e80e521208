// Proxy credentials, asked of the analyst. When a proxy answers 407, Chromium asks the app (the `login`
// event) and waits for a callback; the request waits here until the page pulls it ('proxyLogin:pending'),
// shows a form and answers ('proxyLogin:answer'). Whatever happens (an answer, cancel, no answer in time,
// the app quitting) the callback is called exactly once, and the user name and password are handed to it and
// nowhere else: they are never kept, logged or written down.
import { randomUUID } from 'node:crypto';
import type { ProxyChallengeView } from '../../../src-shared/views';

export interface ProxyCredentials {
  username: string;
  password: string;
}

/** What Chromium told us about the proxy asking (Electron's authInfo). */
export interface ProxyLoginRequest {
  host: string;
  port: number;
  realm: string;
  scheme: string;
}

/** Called once: with credentials to try, or with nothing to give up (Chromium then fails the request with 407). */
export type ProxyLoginRespond = (credentials?: ProxyCredentials) => void;

export type ProxyLoginAnswer = { id: string; username: string; password: string } | { id: string; cancel: true };

export interface ProxyLoginTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ProxyLoginQueue {
  /**
   * Queues a request. Returns withdraw(): the request that asked ended (aborted, timed out, failed), so the
   * analyst is no longer asked; its callback gets nothing, if it has not been called yet.
   */
  add(request: ProxyLoginRequest, respond: ProxyLoginRespond): () => void;
  /** The oldest waiting request, left in place until it is answered or times out. */
  pending(): ProxyChallengeView | null;
  /** False when no request with that id is waiting (already answered, timed out, or never asked). */
  answer(answer: ProxyLoginAnswer): boolean;
  /** Called whenever a request is queued; returns an unsubscribe function. */
  onAvailable(listener: () => void): () => void;
  /** Called when a waiting request is withdrawn, so a page showing it can pull again. */
  onWithdrawn(listener: () => void): () => void;
  /** Gives up on everything still waiting. */
  dispose(): void;
}

/** Two minutes: long enough to find the password, short enough that a forgotten prompt does not hold requests for ever. */
export const PROXY_LOGIN_TIMEOUT_MS = 120_000;
/** A proxy that keeps asking cannot grow main's memory: past this, requests are refused at once. */
export const MAX_PENDING_PROXY_LOGINS = 8;

const realTimers: ProxyLoginTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Waiting {
  view: ProxyChallengeView;
  respond: ProxyLoginRespond;
  timer: unknown;
}

export function createProxyLoginQueue(opts: { timeoutMs?: number; timers?: ProxyLoginTimers; newId?: () => string } = {}): ProxyLoginQueue {
  const timers = opts.timers ?? realTimers;
  const timeoutMs = opts.timeoutMs ?? PROXY_LOGIN_TIMEOUT_MS;
  const newId = opts.newId ?? (() => randomUUID());
  const waiting: Waiting[] = [];
  const listeners = new Set<() => void>();
  const withdrawnListeners = new Set<() => void>();

  /** Removes the entry and calls its callback; a second settle of the same entry does nothing. */
  const settle = (entry: Waiting, credentials?: ProxyCredentials): boolean => {
    const index = waiting.indexOf(entry);
    if (index < 0) return false;
    waiting.splice(index, 1);
    timers.clear(entry.timer);
    if (credentials) entry.respond(credentials);
    else entry.respond();
    return true;
  };

  return {
    add(request, respond) {
      if (waiting.length >= MAX_PENDING_PROXY_LOGINS) {
        respond();
        return () => undefined;
      }
      const view: ProxyChallengeView = {
        id: newId(),
        host: String(request.host).slice(0, 255),
        port: Number.isInteger(request.port) ? request.port : 0,
        realm: String(request.realm ?? '').slice(0, 200),
        scheme: String(request.scheme ?? '').slice(0, 40),
      };
      const entry: Waiting = { view, respond, timer: undefined };
      entry.timer = timers.set(() => void settle(entry), timeoutMs);
      waiting.push(entry);
      for (const listener of [...listeners]) listener();
      return () => {
        if (settle(entry)) for (const listener of [...withdrawnListeners]) listener();
      };
    },
    pending: () => (waiting[0] ? { ...waiting[0].view } : null),
    answer(answer) {
      const entry = waiting.find((w) => w.view.id === answer.id);
      if (!entry) return false;
      return 'cancel' in answer ? settle(entry) : settle(entry, { username: answer.username, password: answer.password });
    },
    onAvailable(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onWithdrawn(listener) {
      withdrawnListeners.add(listener);
      return () => withdrawnListeners.delete(listener);
    },
    dispose() {
      for (const entry of [...waiting]) settle(entry);
    },
  };
}
