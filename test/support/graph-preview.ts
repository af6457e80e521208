// The setup most e2e files share: a Graph stand-in, and the preview pointed at it with a static token (no
// sign-in) and a user-data folder of its own. Registered as beforeAll/afterAll of the calling file or describe
// block, so the block that starts them stops them and removes the folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { startGraphServer, type GraphServer, type GraphServerOptions } from './graph-server';
import { startPreview, type RunningPreview } from './preview';

export interface GraphPreview {
  readonly graph: GraphServer;
  readonly preview: RunningPreview;
  /** The preview's page URL. */
  readonly url: string;
  readonly userData: string;
}

export interface GraphPreviewOptions {
  /** Names the user-data folder, for whoever reads a leftover one. */
  name: string;
  /** The static bearer token the preview sends (default "e2e-static-token"). */
  token?: string;
  /** Runs once the stand-in is up and before the preview starts (faults to inject, for example). */
  prepare?: (graph: GraphServer) => void;
}

export function useGraphPreview(graphOptions: GraphServerOptions | (() => GraphServerOptions), opts: GraphPreviewOptions): GraphPreview {
  let graph: GraphServer | undefined;
  let preview: RunningPreview | undefined;
  let userData: string | undefined;
  test.beforeAll(async () => {
    graph = await startGraphServer(typeof graphOptions === 'function' ? graphOptions() : graphOptions);
    opts.prepare?.(graph);
    userData = mkdtempSync(join(tmpdir(), `portolan-e2e-${opts.name}-`));
    preview = await startPreview({
      args: ['--port', '0', '--user-data', userData, '--graph-base-url', graph.url],
      env: { PORTOLAN_GRAPH_TOKEN: opts.token ?? 'e2e-static-token' },
    });
  });
  test.afterAll(async () => {
    await preview?.stop();
    await graph?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is used before beforeAll started it`);
    return value;
  };
  return {
    get graph() {
      return started(graph, 'Graph stand-in');
    },
    get preview() {
      return started(preview, 'preview');
    },
    get url() {
      return started(preview, 'preview').url;
    },
    get userData() {
      return started(userData, 'user-data folder');
    },
  };
}
