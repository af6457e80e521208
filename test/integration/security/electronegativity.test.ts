// Electronegativity, the Electron security linter, over the TypeScript sources (src-main) and over a fresh
// build of the app (main bundle, .cjs preload, renderer HTML and bundle), held to the policy in
// test/support/electronegativity-policy.ts with the exceptions in test/security/electronegativity-exceptions.json.
// It runs through scripts/electronegativity.mjs, which keeps the tool off the network, under a preload that
// refuses and records any attempt to reach a non-loopback address. The build goes to a temporary folder, not
// out/, so it never races a preview or e2e run that is serving out/ at the same time.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeOutcome,
  findingsFromSarif,
  judge,
  parseExceptions,
  refusedRequests,
  scannedFiles,
  unparsedFiles,
} from '../../support/electronegativity-policy';
import { runNode, type Run } from '../../support/node-run';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const EXCEPTIONS = 'test/security/electronegativity-exceptions.json';
const SARIF = join(root, 'test-results', 'electronegativity.sarif');
const GUARD = pathToFileURL(join(root, 'test/support/network-guard-preload.mjs')).href;
// A loaded 2-core machine: a cold build plus two scans can take well over a minute.
const SLOW = 180_000;

const node = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> => runNode(root, args, env);

const guardLines = async (log: string): Promise<string[]> => (await readFile(log, 'utf8')).split('\n').filter(Boolean);

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portolan-electronegativity-'));
}, SLOW);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the network guard the scan runs under', { timeout: SLOW }, () => {
  it('refuses and records a socket and a DNS lookup to non-loopback addresses, and lets loopback through', async () => {
    const log = join(dir, 'guard-selftest.jsonl');
    await writeFile(log, '');
    const script = `
      const http = require('node:http');
      const seen = [];
      const done = () => seen.length === 3 && console.log(seen.sort().join(' '));
      http.get('http://192.0.2.1/').on('error', (e) => { seen.push('socket:' + e.code); done(); });
      require('node:dns').lookup('example.invalid', (e) => { seen.push('dns:' + (e && e.code)); done(); });
      const server = http.createServer((q, r) => r.end()).listen(0, '127.0.0.1', () => {
        http.get('http://127.0.0.1:' + server.address().port, (r) => { seen.push('loopback:' + r.statusCode); server.close(); done(); });
      });`;
    const run = await node(['--import', GUARD, '-e', script], { PORTOLAN_NETWORK_GUARD_LOG: log });
    expect(run.stdout.trim(), run.stderr).toBe('dns:EGUARD loopback:200 socket:EGUARD');
    expect((await guardLines(log)).map((l) => JSON.parse(l))).toEqual([
      { kind: 'socket', target: '192.0.2.1' },
      { kind: 'dns lookup', target: 'example.invalid' },
    ]);
  });
});

describe('electronegativity over src-main and the built app', { timeout: SLOW }, () => {
  let scan: Run;
  let sarif: unknown;
  let guardLog = '';

  beforeAll(async () => {
    const out = join(dir, 'out');
    const build = await node([join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', out]);
    if (build.code !== 0) throw new Error(`electron-vite build failed (exit ${build.code})\n${build.stdout}\n${build.stderr}`);

    const electron = JSON.parse(await readFile(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
    guardLog = join(dir, 'network-guard.jsonl');
    await writeFile(guardLog, '');
    scan = await node(
      [
        '--import',
        GUARD,
        join(root, 'scripts/electronegativity.mjs'),
        ...['-i', 'src-main', '-i', out, '-o', SARIF],
        ...['-x', 'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', '-e', electron.version],
      ],
      { PORTOLAN_NETWORK_GUARD_LOG: guardLog },
    );
    sarif = JSON.parse(await readFile(SARIF, 'utf8'));
  }, SLOW);

  it('stays offline: the stub refused the tool\'s own requests and no socket or DNS query left loopback', async () => {
    expect(await guardLines(guardLog)).toEqual([]);
    // The tool really did try (it fetches translations on every run), so the stub, not luck, kept it local.
    expect(refusedRequests(sarif).filter((u) => new URL(u).hostname.startsWith('electronegativity-i18n.')).length).toBeGreaterThan(0);
  });

  it('reads every part of the app and parses all of it', () => {
    expect(scan.code, `${scan.stdout}\n${scan.stderr}`).toBe(0);
    expect(unparsedFiles(sarif)).toEqual([]);
    const files = scannedFiles(sarif);
    expect(files).toEqual(
      expect.arrayContaining([
        'src-main/electron/main.ts',
        'src-main/electron/window.ts',
        'src-main/preload/index.ts',
        'out/main/index.js',
        'out/preload/index.cjs',
        'out/renderer/index.html',
      ]),
    );
    expect(files.some((f) => /^out\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
  });

  it('has no finding of MEDIUM severity or above outside the exceptions list, and no stale exception', async () => {
    const exceptions = parseExceptions(JSON.parse(await readFile(join(root, EXCEPTIONS), 'utf8')));
    const outcome = judge(findingsFromSarif(sarif), exceptions);
    const problems = describeOutcome(outcome, EXCEPTIONS);
    expect(outcome.unexpected.length + outcome.stale.length, `${problems}\n(full report: test-results/electronegativity.sarif)`).toBe(0);
  });
});
