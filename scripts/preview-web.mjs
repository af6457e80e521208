// npm run preview:web -- [flags]: builds the renderer when it is missing or older than its sources,
// then runs the preview (src-main/preview/cli.ts) under tsx. Build output goes to stderr so that
// stdout carries only the preview's own lines (PREVIEW_URL=…, SIGNIN_URL=…).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out/renderer/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const stale = !existsSync(built) || newest(join(root, 'src-renderer')) > statSync(built).mtimeMs || newest(join(root, 'src-shared')) > statSync(built).mtimeMs;
if (stale) {
  const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The IPC channel is the child's lifeline: when this wrapper dies, even by SIGKILL, the channel closes and
// the preview shuts down instead of living on as an orphan that holds the port.
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main/preview/cli.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
