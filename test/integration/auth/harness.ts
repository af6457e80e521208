// Shared setup for the auth integration tests: a temp user-data folder, the Entra stand-in, and an auth
// service wired to them with a fake "browser" that records the sign-in URLs it is asked to open.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { SettingsView } from '../../../src-shared/views';
import type { Encryptor } from '../../../src-main/core/ports';
import { createAesEncryptor, createAuthService, type AuthService, type AuthServiceOptions } from '../../../src-main/core/auth';
import { PortolanFailure } from '../../../src-main/core/failure';
import { DEFAULT_SETTINGS } from '../../../src-main/core/settings';
import { ALICE, startEntraServer, type BrowserStepResult, type EntraServer, type EntraUser } from '../../support/entra-server';
import type { NetworkGuard } from './network-guard';

export const SCOPE = 'https://graph.microsoft.com/ThreatIntelligence.Read.All';

export interface Harness {
  dir: string;
  server: EntraServer;
  settings: SettingsView;
  encryptor: Encryptor;
  cacheFile: string;
  logs: string[];
  /** Sign-in URLs the service asked the browser to open. */
  opened: string[];
  make(over?: Partial<AuthServiceOptions>): AuthService;
  nextSignInUrl(): Promise<string>;
  /** signIn() + the user's browser step for `user`. */
  signInAs(auth: AuthService, user?: EntraUser): Promise<{ status: Awaited<ReturnType<AuthService['signIn']>>; step: BrowserStepResult }>;
  cleanup(): Promise<void>;
}

export async function createHarness(opts: { server?: EntraServer; encryptor?: Encryptor; dir?: string } = {}): Promise<Harness> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'portolan-auth-'));
  const server = opts.server ?? (await startEntraServer());
  const opened: string[] = [];
  const waiters: ((url: string) => void)[] = [];
  const logs: string[] = [];
  const h: Harness = {
    dir,
    server,
    settings: { ...DEFAULT_SETTINGS, clientId: server.clientId, cloud: 'custom', customAuthority: server.url, customGraphRoot: 'https://graph.microsoft.com' },
    encryptor: opts.encryptor ?? createAesEncryptor({ kind: 'test' }),
    cacheFile: path.join(dir, 'msal-cache.bin'),
    logs,
    opened,
    make(over = {}) {
      return createAuthService({
        settings: () => h.settings,
        authority: () => server.authority('organizations'),
        scopes: () => [SCOPE],
        cacheFile: h.cacheFile,
        encryptor: h.encryptor,
        openBrowser: async (url) => {
          opened.push(url);
          const w = waiters.shift();
          if (w) w(url);
        },
        ca: server.caPem,
        log: (line) => logs.push(line),
        ...over,
      });
    },
    nextSignInUrl() {
      return new Promise((resolve) => waiters.push(resolve));
    },
    async signInAs(auth, user = ALICE) {
      server.signInAs(user);
      const url = h.nextSignInUrl();
      const pending = auth.signIn();
      pending.catch(() => undefined); // may fail while the browser step is still running; awaited below
      const step = await server.completeBrowserStep(await url);
      return { status: await pending, step };
    },
    async cleanup() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/**
 * A fresh harness for every test of the describe block (or file) that calls this: created before each test and
 * cleaned up after it, when the guard must have blocked nothing. With `loopbackOnly`, every socket the file has
 * opened so far must also have gone to 127.0.0.1 or localhost. The returned harness is the running test's own,
 * fields included (a test may replace `settings` or `encryptor`).
 */
export function useHarness(guard: NetworkGuard, opts: { loopbackOnly?: boolean } = {}): Harness {
  let current: Harness | null = null;
  beforeEach(async () => {
    current = await createHarness();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = null;
    expect(guard.blocked).toEqual([]);
    if (opts.loopbackOnly) expect(guard.hosts.every((host) => host === '127.0.0.1' || host === 'localhost')).toBe(true);
  });
  const live = (): Harness => {
    if (!current) throw new Error('the harness exists only while a test runs');
    return current;
  };
  return new Proxy({} as Harness, {
    get: (_target, key) => Reflect.get(live(), key),
    set: (_target, key, value) => Reflect.set(live(), key, value),
  });
}

/** The PortolanFailure `p` rejects with; anything else (a success, another error) fails the test. */
export async function failureOf(p: Promise<unknown>): Promise<PortolanFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PortolanFailure) return err;
    throw new Error(`expected a PortolanFailure, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected the promise to fail');
}

/** Every file under dir, recursively, as raw bytes (for "no token in plain text" searches). */
export function readAllFiles(dir: string): { file: string; data: Buffer }[] {
  const out: { file: string; data: Buffer }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readAllFiles(p));
    else if (entry.isFile()) out.push({ file: p, data: fs.readFileSync(p) });
  }
  return out;
}

/** Resolves true once nothing listens on 127.0.0.1:port (retrying briefly: servers close asynchronously). */
export async function portClosed(port: number, withinMs = 2000): Promise<boolean> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + withinMs;
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.once('error', () => resolve(true));
    });
    if (refused || Date.now() > deadline) return refused;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function redirectPort(signInUrl: string): number {
  return Number(new URL(new URL(signInUrl).searchParams.get('redirect_uri') ?? '').port);
}
