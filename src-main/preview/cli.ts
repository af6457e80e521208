// The web preview: serves the built renderer on 127.0.0.1 and bridges its API to the real core.
// Development and tests only; never packaged (electron-builder.yml ships out/ alone).
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../core/app';
import { createAesFileEncryptor } from '../core/auth';
import { isAllowedExternalUrl } from '../core/external-links';
import { confKvFactory } from '../core/history';
import { workerHostSpawner } from '../core/history-host/worker-host';
import { createLinkInbox } from '../core/link-inbox';
import { parsePreviewArgs, PREVIEW_USAGE, type PreviewArgs } from './args';
import { startPreviewServer } from './server';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Started by scripts/preview-web.mjs, the preview has an IPC channel to it that closes when the wrapper
 * exits in any way, SIGKILL included: then the preview stops too rather than hold the port as an orphan.
 * Listened for from the start, so a wrapper that dies while the core is still starting is noticed as well.
 */
const parentGone = process.channel ? new Promise<void>((resolve) => process.once('disconnect', () => resolve())) : null;

async function main(): Promise<void> {
  let args: PreviewArgs;
  try {
    args = parsePreviewArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${PREVIEW_USAGE}`);
    process.exit(2);
  }
  const userDataDir = resolve(args.userData ?? join(tmpdir(), 'portolan-preview'));
  mkdirSync(userDataDir, { recursive: true });

  // --open-url: queued exactly as the app queues a link the OS hands it, for the page to pull on load.
  const links = createLinkInbox();
  if (args.openUrl !== undefined) {
    const outcome = links.offer(args.openUrl);
    if (!outcome.ok) console.error(`--open-url refused: ${outcome.message}`);
  }

  const core = await createCore({
    userDataDir,
    version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    preview: true,
    // conf is the library electron-store is built on: the same files as the app.
    kv: confKvFactory,
    // The history lives in a worker thread, as it lives in a utility process in the app: the thread serving the
    // page's requests never waits on the disk.
    historyHost: workerHostSpawner(),
    // Never plain text on disk, even in the preview: AES-256-GCM with a key file beside the cache.
    encryptor: await createAesFileEncryptor(join(userDataDir, 'auth', 'preview-cache.key')),
    // The preview never opens a browser: it prints the URL so a person or a test can follow it.
    openBrowser: async (url) => {
      process.stdout.write(`SIGNIN_URL=${url}\n`);
    },
    // Same allow-list as the app; the preview prints instead of launching anything.
    openExternal: async (url) => {
      if (!isAllowedExternalUrl(url)) return false;
      process.stdout.write(`OPEN_EXTERNAL=${url}\n`);
      return true;
    },
    // The preview accepts endpoint changes without asking: it has no native dialog, it is a development and
    // test tool that is never packaged, and its endpoints come from its own command line (--authority,
    // --graph-base-url), which take precedence over anything saved through settings:set.
    confirmEndpoints: async () => true,
    overrides: {
      ...(args.graphBaseUrl ? { graphBaseUrl: args.graphBaseUrl } : {}),
      ...(args.authority ? { authority: args.authority } : {}),
      ...(args.clientId ? { clientId: args.clientId } : {}),
      ...(args.tenant ? { tenant: args.tenant } : {}),
      ...(args.caFile ? { caPem: readFileSync(args.caFile, 'utf8') } : {}),
      ...(args.proxy ? { proxy: args.proxy } : {}),
    },
    ...(process.env.PORTOLAN_GRAPH_TOKEN ? { staticToken: process.env.PORTOLAN_GRAPH_TOKEN } : {}),
    demo: args.demo,
    links,
    log: (line) => process.stderr.write(`${line}\n`),
  });

  const server = await startPreviewServer({
    handlers: core.handlers,
    historyFiles: core.historyFiles,
    rendererDir: join(ROOT, 'out', 'renderer'),
    port: args.port,
  });
  process.stdout.write(`PREVIEW_URL=${server.url}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await core.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  void parentGone?.then(() => stop());
}

main().catch((err) => {
  console.error(`Preview failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
