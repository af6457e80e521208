// `npm run preview:web` runs a small wrapper (scripts/preview-web.mjs) that starts the real preview as its
// child. Killing the wrapper outright (SIGKILL, which it cannot forward) must not leave that child behind
// holding the port.
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

/** pid → ppid of every process, from ps (Linux and macOS spell these options alike). */
function childrenOf(pid: number): number[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([, ppid]) => ppid === pid)
    .map(([p]) => p!);
}

/** True while the process exists and has not exited (an exited, unreaped zombie counts as gone). */
function running(pid: number): boolean {
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim().startsWith('Z');
  } catch {
    return false; // ps exits non-zero when there is no such process
  }
}

function open(port: number): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.on('error', () => undefined); // a reset when the server goes away is expected; 'close' follows
      resolve(socket);
    });
    socket.once('error', () => resolve(null));
  });
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

describe('preview wrapper', () => {
  it('a SIGKILLed wrapper takes the preview server down with it', { timeout: 180_000 }, async () => {
    const userData = mkdtempSync(join(tmpdir(), 'portolan-preview-wrapper-'));
    cleanup.push(() => rmSync(userData, { recursive: true, force: true }));
    const env = { ...process.env };
    delete env.PORTOLAN_GRAPH_TOKEN;
    const wrapper: ChildProcessByStdio<null, Readable, Readable> = spawn(
      process.execPath,
      [join(ROOT, 'scripts/preview-web.mjs'), '--port', '0', '--demo', '--user-data', userData],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let server = 0;
    cleanup.push(() => {
      // Whatever the outcome, nothing this test started outlives it.
      if (wrapper.exitCode === null && wrapper.signalCode === null) wrapper.kill('SIGKILL');
      if (server && running(server)) process.kill(server, 'SIGKILL');
    });
    let stderr = '';
    wrapper.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    // The wrapper and, through stdio inheritance, the preview itself write to this pipe: it closes only once
    // both are gone.
    const stdoutClosed = new Promise<void>((resolve) => wrapper.stdout.once('close', () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      wrapper.stdout.setEncoding('utf8').on('data', (c: string) => {
        out += c;
        const m = /^PREVIEW_URL=(\S+)$/m.exec(out);
        if (m) resolve(m[1]!);
      });
      wrapper.once('exit', () => reject(new Error(`wrapper exited before PREVIEW_URL\n${out}\n${stderr}`)));
    });
    const port = Number(new URL(url).port);
    const children = childrenOf(wrapper.pid!);
    expect(children).toHaveLength(1);
    server = children[0]!;
    expect(running(server)).toBe(true);

    let held = await open(port);
    expect(held).not.toBeNull();
    const wrapperExit = new Promise<void>((resolve) => wrapper.once('exit', () => resolve()));
    wrapper.kill('SIGKILL');
    await wrapperExit;

    // Each held connection ends when the server shuts down (or, should it outlive us, when something else
    // closes it); then a new connection tells which. A bounded number of rounds, each driven by an event.
    let refused = false;
    for (let round = 0; round < 5 && !refused; round++) {
      const socket = held!;
      await new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
      held = await open(port);
      refused = held === null;
      if (held) cleanup.push(() => held?.destroy());
    }
    expect(refused).toBe(true);

    await stdoutClosed;
    expect(running(server)).toBe(false);
  });
});
