// Starts the web preview as a child process (exactly what `npm run preview:web -- …` runs) and waits
// for its PREVIEW_URL line. The test that starts it stops it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface RunningPreview {
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching the pattern (e.g. /^SIGNIN_URL=(.*)$/m). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export async function startPreview(opts: { args: string[]; env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<RunningPreview> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
  const child = spawn(process.execPath, [join(ROOT, 'scripts/preview-web.mjs'), ...opts.args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of [...waiters]) {
      const m = out.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const now = out.match(pattern);
      if (now) return resolve(now);
      const timer = setTimeout(() => reject(new Error(`preview did not print ${pattern} in ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
      waiters.push({ pattern, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`preview exited before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
      });
    });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };

  try {
    const match = await waitFor(/^PREVIEW_URL=(\S+)$/m, opts.timeoutMs ?? 120_000);
    return { url: match[1]!, stdout: () => out, stderr: () => err, waitFor, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
