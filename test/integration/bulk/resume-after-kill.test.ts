import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replayJob } from '../../../src-main/core/bulk/job-journal';
import { startGraphServer, type GraphServer, type RecordedRequest } from '../../support/graph-server';

const ROOT = join(__dirname, '..', '..', '..');
const HOSTS = 80;

function dataset(): Record<string, unknown> {
  const hostPorts: Record<string, unknown> = {};
  for (let i = 1; i <= HOSTS; i++) {
    const host = `203.0.113.${i}`;
    hostPorts[`hp-${i}`] = { id: `hp-${i}`, port: 443, protocol: 'tcp', status: 'open', host: { id: host }, banners: [], services: [] };
  }
  return hostPorts;
}

const hostOf = (r: RecordedRequest): string | null => /\/hosts\/([^/]+)\/ports/.exec(r.url)?.[1] ?? null;

function runChild(args: string[], killAt: ((kill: () => void) => void) | null): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'bulk-child.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    killAt?.(() => child.kill('SIGKILL'));
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('bulk job after kill -9', () => {
  let server: GraphServer | null = null;
  let dir = '';
  afterEach(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('resumes where it stopped: nothing journalled is sent again, nothing is lost', async () => {
    server = await startGraphServer({ hostPorts: dataset(), scenarios: false });
    dir = await mkdtemp(join(tmpdir(), 'portolan-bulk-'));
    const targets = join(dir, 'targets.txt');
    await writeFile(targets, Array.from({ length: HOSTS }, (_, i) => `203.0.113.${i + 1}:443`).join('\n'));
    const jobDir = join(dir, 'job1');
    // Answers take a little while, so the job is mid-way when the 30th request arrives and the child is killed.
    server.setFault(() => true, { kind: 'delay', ms: 15 });
    let kill: (() => void) | null = null;
    let seen = 0;
    server.setFault(
      () => {
        if (++seen === 30) kill?.();
        return false;
      },
      { kind: 'reset' },
    );
    const first = await runChild([jobDir, server.url, targets], (k) => (kill = k));
    expect(first.signal).toBe('SIGKILL');
    const beforeRestart = server.requests.length;
    const journalled = await replayJob(jobDir);
    const doneBefore = new Set([...journalled.outcomes.keys()].map((k) => k.split('|')[0]));
    expect(doneBefore.size).toBeGreaterThan(0);
    expect(doneBefore.size).toBeLessThan(HOSTS);

    const second = await runChild([jobDir, server.url, targets], null);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toContain('ENDED finished');

    const after = server.requests.slice(beforeRestart).map(hostOf).filter((h): h is string => h !== null);
    // Nothing answered in the journal was asked again, and nothing was asked twice after the restart.
    expect(after.filter((h) => doneBefore.has(h))).toEqual([]);
    expect(new Set(after).size).toBe(after.length);
    // Nothing lost: every target has its answer, and every host was asked for.
    const final = await replayJob(jobDir);
    expect(final.outcomes.size).toBe(HOSTS);
    expect([...final.outcomes.values()].every((o) => o.status === 'found')).toBe(true);
    const everAsked = new Set(server.requests.map(hostOf));
    expect(everAsked.size).toBe(HOSTS);
  });
});
