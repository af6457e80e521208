// Runs @doyensec/electronegativity (the Electron security linter) without any network access and writes
// SARIF 2.1.0 with each finding's severity and confidence.
//
//   node scripts/electronegativity.mjs -i DIR [-i DIR ...] -o FILE.sarif [-x Check,...] [-e ELECTRON_VERSION]
//
// Why a wrapper instead of the package's own CLI:
// - The CLI fetches translations from S3 on every run (dist/locales/i18n.js) and its
//   AvailableSecurityFixesGlobalCheck downloads Electron's release list. Both go through the `got` package,
//   so `got` is replaced, before electronegativity is loaded, by a stub that refuses at once and opens no
//   socket; that global check is always excluded, since fetching is all it does.
// - The CLI's SARIF carries no severity (level is only note/warning, from "manual review"), -s does not
//   filter what -o writes, and files that fail to parse are dropped without a word when -o is given.
//   Here every result has properties.severity/confidence, and parse failures are tool notifications (exit 2).
// - Version 1.10.3 lists only .js/.jsx/.ts/.tsx/.html/.htm files, so the built CommonJS preload
//   (out/preload/index.cjs) would never be read, and its tree walker throws on node types it does not know
//   (class private fields, in the main and renderer bundles), which silently skipped whole bundles.
//   .cjs/.mjs files are listed and parsed as JavaScript, and the walker iterates unknown nodes' children.
//
// Paths in the output are "<input folder name>/<path inside it>" (src-main/electron/window.ts,
// out/main/index.js); a finding about the whole tree (a global check) names just the input folder.
// -e defaults to the version of the installed electron package: without it, a tree with no package.json
// is checked against Electron 0.1.0's insecure defaults.
import Module, { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const requireHere = createRequire(import.meta.url);
const ENGINE = dirname(requireHere.resolve('@doyensec/electronegativity/package.json'));
const engineRequire = createRequire(join(ENGINE, 'dist', 'runner.js'));

/** URLs electronegativity asked `got` for; each was refused without touching the network. */
const refusedRequests = [];

function installOfflineGot() {
  const refuse = (url) => {
    refusedRequests.push(String(url));
    return Promise.reject(Object.assign(new Error(`offline: request to ${url} refused`), { code: 'EOFFLINE' }));
  };
  const got = (url) => refuse(url);
  for (const method of ['get', 'head', 'post', 'put', 'patch', 'delete']) got[method] = refuse;
  got.extend = () => got;
  const load = Module._load;
  Module._load = function loadWithOfflineGot(request, ...rest) {
    if (request === 'got') return got;
    return load.call(this, request, ...rest);
  };
}

const SOURCE_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.cjs', '.mjs', '.html', '.htm']);
const MANIFESTS = ['package.json', 'package-lock.json', 'yarn.lock'];

/** Receives the files each scan lists; main() points it at a fresh array per input. */
const listed = { files: [] };

function installCompatibility() {
  const types = engineRequire('./parser/types.js');
  const JS = types.sourceTypes.JAVASCRIPT;
  types.sourceExtensions.cjs = JS;
  types.sourceExtensions.mjs = JS;

  // The loader reads list_files from the util index object at call time.
  const util = engineRequire('./util/index.js');
  util.list_files = async (dir) => {
    const files = readdirSync(dir, { recursive: true })
      .map((name) => join(dir, String(name)))
      .filter((file) => !file.split(sep).includes('node_modules'))
      .filter((file) => SOURCE_EXTENSIONS.has(extname(file).toLowerCase()) || MANIFESTS.includes(basename(file).toLowerCase()))
      .filter((file) => statSync(file).isFile())
      .sort();
    listed.files.push(...files);
    return files;
  };

  // estraverse-fb is the estraverse module object itself, shared by every walk the checks make.
  const estraverse = engineRequire('estraverse-fb');
  const traverse = estraverse.traverse;
  estraverse.traverse = (tree, visitor) => traverse(tree, { fallback: 'iteration', ...visitor });
}

function parseCommandLine(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string', short: 'i', multiple: true },
      output: { type: 'string', short: 'o' },
      'exclude-checks': { type: 'string', short: 'x' },
      'electron-version': { type: 'string', short: 'e' },
    },
    strict: true,
  });
  if (!values.input?.length || !values.output?.endsWith('.sarif')) {
    throw new Error('usage: electronegativity.mjs -i DIR [-i DIR ...] -o FILE.sarif [-x Check,...] [-e ELECTRON_VERSION]');
  }
  const installedElectron = () => JSON.parse(readFileSync(requireHere.resolve('electron/package.json'), 'utf8')).version;
  // Check names are accepted as class names (AvailableSecurityFixesGlobalCheck) or ids
  // (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK); the engine compares lower-cased class names.
  const checkName = (name) => name.trim().toLowerCase().replaceAll('_', '');
  const excluded = new Set((values['exclude-checks'] ?? '').split(',').filter((n) => n.trim()).map(checkName));
  excluded.add(checkName('AvailableSecurityFixesGlobalCheck'));
  return {
    inputs: values.input.map((dir) => resolve(dir)),
    output: resolve(values.output),
    excluded: [...excluded],
    electronVersion: values['electron-version'] ?? installedElectron(),
  };
}

const LEVEL = { HIGH: 'error', MEDIUM: 'warning', LOW: 'note', INFORMATIONAL: 'note' };

function toSarifRun(engineVersion, input, scan, scannedFiles, options, refused) {
  const base = dirname(input);
  const uriOf = (file) => (!file || file === 'N/A' ? basename(input) : relative(base, file).split(sep).join('/'));
  const rules = new Map();
  for (const issue of scan.issues) {
    if (!rules.has(issue.id)) {
      rules.set(issue.id, {
        id: issue.id,
        fullDescription: { text: issue.description },
        helpUri: `https://github.com/doyensec/electronegativity/wiki/${issue.id}`,
        properties: { category: 'Security' },
      });
    }
  }
  return {
    tool: {
      driver: { name: 'Electronegativity', version: engineVersion, informationUri: 'https://github.com/doyensec/electronegativity', rules: [...rules.values()] },
    },
    artifacts: scannedFiles.map((file) => ({ location: { uri: uriOf(file) } })),
    invocations: [
      {
        executionSuccessful: scan.errors.every((e) => e.tolerable),
        toolExecutionNotifications: scan.errors.map((e) => ({
          level: e.tolerable ? 'warning' : 'error',
          message: { text: `${e.tolerable ? 'Parsed with warnings' : 'Not scanned, could not parse'}: ${e.message}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(e.file) } } }],
        })),
        properties: { electronVersion: options.electronVersion, excludedChecks: options.excluded, refusedNetworkRequests: refused },
      },
    ],
    results: scan.issues.map((issue) => ({
      ruleId: issue.id,
      level: LEVEL[issue.severity.name] ?? 'warning',
      message: { text: issue.description },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(issue.file) },
            region: { startLine: Math.max(1, issue.location?.line ?? 1), startColumn: (issue.location?.column ?? 0) + 1 },
          },
        },
      ],
      properties: { severity: issue.severity.name, confidence: issue.confidence.name, manualReview: Boolean(issue.manualReview) },
    })),
  };
}

async function main() {
  const options = parseCommandLine(process.argv.slice(2));
  installOfflineGot();
  installCompatibility();
  const engineVersion = JSON.parse(readFileSync(join(ENGINE, 'package.json'), 'utf8')).version;
  const runs = [];
  let unparsed = 0;
  for (const input of options.inputs) {
    const scannedFiles = [];
    listed.files = scannedFiles;
    const refusedBefore = refusedRequests.length;
    const run = engineRequire('./runner.js');
    const scan = await run({
      input,
      customScan: [],
      excludeFromScan: options.excluded,
      electronVersionOverride: options.electronVersion,
      isRelative: false,
      isVerbose: true,
    });
    const sarifRun = toSarifRun(engineVersion, input, scan, scannedFiles, options, refusedRequests.slice(refusedBefore));
    runs.push(sarifRun);
    const failed = sarifRun.invocations[0].toolExecutionNotifications.filter((n) => n.level === 'error');
    unparsed += failed.length;
    console.log(`${basename(input)}: ${scannedFiles.length} files, ${scan.issues.length} findings, ${failed.length} not parsed`);
    for (const r of sarifRun.results) {
      const where = r.locations[0].physicalLocation;
      console.log(`  ${r.properties.severity.padEnd(13)} ${r.ruleId}  ${where.artifactLocation.uri}:${where.region.startLine}`);
    }
    for (const n of failed) console.log(`  NOT PARSED    ${n.locations[0].physicalLocation.artifactLocation.uri}: ${n.message.text}`);
  }
  mkdirSync(dirname(options.output), { recursive: true });
  writeFileSync(options.output, `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs }, null, 2)}\n`);
  // Findings are for the caller's policy to judge; an incomplete scan is an error of its own.
  process.exitCode = unparsed > 0 ? 2 : 0;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
