// What the production build ships, read from a fresh build in a temporary folder: the renderer is minified, zod
// stays on the main side, and the main bundle carries no JSON-schema validator (conf's, which Portolan never
// uses) while conf, bundled the way the app bundles it, still reads and writes its files.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type AliasOptions } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../../electron.vite.config.mjs';
import { FileWriter } from '../../../src-main/core/history/file-writer';
import { runNode, type Run } from '../../support/node-run';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// A cold build on a loaded 2-core machine.
const SLOW = 180_000;

const run = (args: string[]): Promise<Run> => runNode(root, args);

async function filesUnder(dir: string, ext: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && ext.test(e.name)).map((e) => join(e.parentPath, e.name));
}

const joined = async (files: string[]): Promise<string> => (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');

let dir = '';
let out = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portolan-bundles-'));
  out = join(dir, 'out');
  const built = await run([join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', out]);
  if (built.code !== 0) throw new Error(`electron-vite build failed (exit ${built.code})\n${built.stdout}\n${built.stderr}`);
}, SLOW);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the production build', { timeout: SLOW }, () => {
  it('main bundle: conf is inside, its JSON-schema validator (ajv and its formats) is not', async () => {
    const main = await joined(await filesUnder(join(out, 'main'), /\.js$/));
    expect(main).toContain('carries no JSON-schema validator');
    for (const ajvText of ['json-schema.org/draft/2020-12', '$dynamicRef', 'fullFormats']) expect(main, ajvText).not.toContain(ajvText);
  });

  it("the import's file writer is built beside the history host and runs as a worker thread in plain Node", async () => {
    const writer = new FileWriter({ entry: join(out, 'main', 'history-writer.js'), execArgv: [] });
    const file = join(dir, 'written.json');
    await writer.write(join(dir, '.written.tmp'), file, '{"ok":true}');
    expect(writer.threaded).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('{"ok":true}');
    await writer.close();
    expect(await readFile(join(out, 'main', 'history-host.js'), 'utf8')).toContain('history-writer.js');
  });

  it('renderer and preload bundles carry no zod', async () => {
    const files = [...(await filesUnder(join(out, 'renderer'), /\.js$/)), ...(await filesUnder(join(out, 'preload'), /\.c?js$/))];
    expect(files.length).toBeGreaterThanOrEqual(2);
    const text = await joined(files);
    for (const zodText of ['ZodError', 'invalid_type', 'too_big']) expect(text, zodText).not.toContain(zodText);
  });

  it('renderer script is minified: a few very long lines (unminified, it averages under 40 characters a line)', async () => {
    const [script, ...more] = await filesUnder(join(out, 'renderer', 'assets'), /\.js$/);
    expect(more).toEqual([]);
    const text = await readFile(script!, 'utf8');
    const lines = text.split('\n');
    expect(text.length / lines.length).toBeGreaterThan(1_000);
  });

  it('conf, bundled with the main build\'s aliases, still keeps a store and refuses a schema by saying why', async () => {
    const probe = join(dir, 'probe');
    await build({
      configFile: false,
      logLevel: 'silent',
      root,
      resolve: { alias: config.main?.resolve?.alias as AliasOptions },
      ssr: { noExternal: true },
      build: { ssr: join(root, 'test/support/conf-probe.ts'), outDir: probe, emptyOutDir: true, rollupOptions: { output: { format: 'es', entryFileNames: 'probe.mjs' } } },
    });
    const bundled = await readFile(join(probe, 'probe.mjs'), 'utf8');
    expect(bundled).not.toContain('json-schema.org/draft/2020-12');
    const ran = await run([join(probe, 'probe.mjs'), dir]);
    expect(ran.code, ran.stderr).toBe(0);
    const answer = JSON.parse(ran.stdout) as { back: unknown; refused: string };
    expect(answer.back).toEqual({ host: '85.13.139.18', port: 21 });
    expect(answer.refused).toMatch(/carries no JSON-schema validator/);
  });
});
