// The ports core services depend on. The Electron shell, the web preview and the tests each plug in
// their own implementations; nothing below src-main/core imports 'electron'.

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Whole-request deadline. On expiry the transport throws a PortolanFailure of kind 'timeout'. */
  timeoutMs?: number;
  /** Open a new connection instead of reusing a pooled one (sign-in calls: rare, and a stale socket would hide an outage). */
  freshConnection?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one HTTP request. Resolves for every HTTP status; throws PortolanFailure for transport
 * failures: 'network' (refused, reset, DNS), 'timeout', 'cancelled' (signal aborted), or
 * 'network' for a host the transport refuses to reach (allow-list).
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** Where Graph calls get their bearer token. Throws PortolanFailure ('signInRequired', ...) when it cannot. */
export interface TokenSource {
  getToken(options: { forceRefresh: boolean; signal?: AbortSignal }): Promise<string>;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Encrypts secrets at rest: Electron safeStorage in the app, something else in core tests and the preview. */
export interface Encryptor {
  /** e.g. 'safeStorage', 'basic_text', 'aes-256-gcm (preview key file)'. */
  readonly kind: string;
  /** False when the encryption is known to be weak (Linux basic_text): then keep secrets in memory only unless the user opts in. */
  readonly strong: boolean;
  encrypt(plain: Buffer): Buffer;
  /** Throws when the data was not encrypted with this key. */
  decrypt(cipher: Buffer): Buffer;
}

/** The subset of conf / electron-store that the history store uses; electron-store in the app, conf in Node. */
export interface KvStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  set(values: Record<string, unknown>): void;
  delete(key: string): void;
  clear(): void;
  readonly store: Record<string, unknown>;
  readonly path: string;
}

export interface KvStoreOptions {
  name: string;
  cwd: string;
  /** When false, a corrupt file makes the constructor throw (we move it aside ourselves). */
  clearInvalidConfig?: boolean;
}

export type KvStoreFactory = (options: KvStoreOptions) => KvStore;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
