// Builds the app once before the e2e-web suite, so every preview the tests start serves the current renderer
// and none of them rebuilds (the preview launcher rebuilds only when sources are newer than the build).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function globalSetup(): void {
  const root = join(__dirname, '..', '..');
  const run = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`electron-vite build failed (exit ${run.status})`);
}
