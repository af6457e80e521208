// One setup for the app integration tests: createCore as the preview wires it (real settings, history on disk
// through conf, the node transport), in a fresh user-data folder per test, with the Graph and Entra stand-ins
// it talks to. Whatever a test starts here is stopped after it, and no socket of the file may leave 127.0.0.1
// (including the app:info reachability probe).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/app';
import type { CoreOptions } from '../../../src-main/core/app-options';
import { createAesEncryptor, createAesFileEncryptor } from '../../../src-main/core/auth';
import { confKvFactory } from '../../../src-main/core/history';
import { dispatch } from '../../../src-shared/contract';
import { startEntraServer, type EntraServer } from '../../support/entra-server';
import { startGraphServer, type GraphServer, type GraphServerOptions } from '../../support/graph-server';
import { useNetworkGuard } from '../auth/network-guard';

export interface AppHarness {
  /** The running test's user-data folder (removed after it). */
  readonly dir: string;
  /**
   * createCore for the preview with a test encryptor, a browser that must not be opened and no external links;
   * `extra` replaces any of those. Disposed after the test (a test that disposes it itself may).
   */
  core(extra?: Partial<CoreOptions>): Promise<Core>;
  /**
   * A core that signs in against `entra` and looks up at `graph`, with the preview's key-file encryptor in the
   * user-data folder. Its browser is the user's: it follows the sign-in URL and posts the form to the loopback.
   */
  signInCore(entra: EntraServer, graph: GraphServer): Promise<Core>;
  /** A Graph stand-in on 127.0.0.1, closed after the test. */
  graph(opts?: GraphServerOptions): Promise<GraphServer>;
  /** An Entra stand-in on 127.0.0.1, stopped after the test. */
  entra(): Promise<EntraServer>;
}

/**
 * Call at the top of a test file. `name` marks its temporary folders; `beforeTeardown` runs first after each
 * test, to let go of whatever the test still holds (answers a stand-in keeps waiting) so the core can close.
 */
export function useAppHarness(opts: { name: string; beforeTeardown?: () => void }): AppHarness {
  const guard = useNetworkGuard();
  let dir = '';
  let cores: Core[] = [];
  let graphs: GraphServer[] = [];
  let entras: EntraServer[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `portolan-${opts.name}-`));
  });
  afterEach(async () => {
    opts.beforeTeardown?.();
    await Promise.all(cores.map((c) => c.dispose()));
    // Closing a stand-in the test already closed is harmless: close() resolves either way.
    for (const g of graphs) await g.close();
    for (const e of entras) await e.stop();
    cores = [];
    graphs = [];
    entras = [];
    rmSync(dir, { recursive: true, force: true });
    expect(guard.blocked).toEqual([]);
  });

  const core = async (extra: Partial<CoreOptions> = {}): Promise<Core> => {
    const c = await createCore({
      userDataDir: dir,
      version: '0.0.0-test',
      preview: true,
      kv: confKvFactory,
      encryptor: createAesEncryptor(),
      openBrowser: async () => {
        throw new Error('no browser in this test');
      },
      openExternal: async () => false,
      ...extra,
    });
    // A test that restarts the app disposes a core itself; the teardown must not close its history twice.
    const dispose = c.dispose;
    let disposed: Promise<void> | null = null;
    c.dispose = () => (disposed ??= dispose());
    cores.push(c);
    return c;
  };

  return {
    get dir() {
      return dir;
    },
    core,
    async signInCore(entra, graph) {
      return core({
        encryptor: await createAesFileEncryptor(join(dir, 'auth', 'preview-cache.key')),
        openBrowser: async (url) => {
          void entra.completeBrowserStep(url);
        },
        overrides: { authority: entra.url, clientId: entra.clientId, tenant: 'organizations', graphBaseUrl: graph.url, caPem: entra.caPem },
      });
    },
    async graph(graphOpts = {}) {
      const g = await startGraphServer(graphOpts);
      graphs.push(g);
      return g;
    },
    async entra() {
      const e = await startEntraServer();
      entras.push(e);
      return e;
    },
  };
}

/** One IPC call as the renderer makes it, through the core's dispatch. */
export const call = (c: Core, channel: string, payload: unknown = {}) => dispatch(c.handlers, channel, payload);

/** Graph API calls, without the unauthenticated reachability probe of the service root. */
export const apiRequests = (g: GraphServer) => g.requests.filter((q) => q.url !== '/');
