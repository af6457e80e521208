// Runs every suite (unit, integration, e2e-web, e2e-electron), then prints one line of totals,
// "N passed, N failed" (skips on the line before), which CI counts. Exits non-zero when anything failed or a suite
// did not report at all (a suite that silently ran nothing must not look green).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };

const suites = [
  {
    name: 'vitest',
    report: `${results}/vitest.json`,
    cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`],
    count: (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTests ?? 0), skipped: r.numPendingTests + r.numTodoTests }),
    failures: vitestFailures,
  },
  {
    name: 'e2e-web',
    report: `${results}/e2e-web.json`,
    cmd: ['npx', 'playwright', 'test', '--config', 'playwright.config.ts'],
    count: playwrightCounts,
    failures: playwrightFailures,
  },
  {
    name: 'e2e-electron',
    report: `${results}/e2e-electron.json`,
    cmd: ['npx', 'playwright', 'test', '--config', 'playwright.electron.config.ts'],
    count: playwrightCounts,
    failures: playwrightFailures,
  },
];

function playwrightCounts(r) {
  const s = r.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + (r.errors?.length ?? 0), skipped: s.skipped ?? 0 };
}

// CI keeps only the tail of the output, so the names of what failed are repeated just above the totals.
function vitestFailures(r) {
  const out = [];
  for (const file of r.testResults ?? []) {
    const name = file.name.replace(process.cwd() + '/', '');
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') out.push(`${name} :: ${t.fullName ?? t.title}: ${firstLine(t.failureMessages?.[0])}`);
    }
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
      out.push(`${name}: ${firstLine(file.message)}`);
    }
  }
  return out;
}

function playwrightFailures(r) {
  const out = [];
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const err = test.results?.at(-1)?.error?.message;
        out.push(`${spec.file ?? file}:${spec.line} :: ${spec.title}: ${firstLine(err)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, suite.file ?? file);
  };
  for (const suite of r.suites ?? []) walk(suite, suite.file);
  for (const e of r.errors ?? []) out.push(`error: ${firstLine(e.message)}`);
  return out;
}

function firstLine(text) {
  const plain = String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '(no message)';
}

const failed = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  rmSync(suite.report, { force: true });
  console.log(`\n=== ${suite.name} ===`);
  const run = spawnSync(suite.cmd[0], suite.cmd.slice(1), { stdio: 'inherit', env });
  if (!existsSync(suite.report)) {
    console.error(`${suite.name}: no report written (exit ${run.status}); counting the suite as failed`);
    totals.failed += 1;
    broken = true;
    continue;
  }
  const c = suite.count(JSON.parse(readFileSync(suite.report, 'utf8')));
  console.log(`${suite.name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (exit ${run.status})`);
  if (c.failed) failed.push(...suite.failures(JSON.parse(readFileSync(suite.report, 'utf8'))).map((f) => `${suite.name}: ${f}`));
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  if (run.status !== 0 && c.failed === 0) {
    totals.failed += 1;
    broken = true;
  }
}
if (failed.length) console.log(`\nfailed:\n${failed.map((f) => `  ${f}`).join('\n')}`);
console.log(`\n${totals.skipped} skipped (e2e-electron skips where no Electron binary exists)`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || broken || totals.passed === 0 ? 1 : 0);
