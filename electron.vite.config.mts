import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    // conf imports a schema validator it uses only for stores given a schema; ours have none (see the module).
    resolve: {
      alias: [
        { find: /^ajv\/dist\/2020(\.js)?$/, replacement: resolve('src-main/electron/no-schema-validator.ts') },
        { find: /^ajv-formats$/, replacement: resolve('src-main/electron/no-schema-validator.ts') },
      ],
    },
    build: {
      // electron-store and conf are ESM-only; the CommonJS main bundle must carry them inside.
      externalizeDeps: { exclude: ['electron-store', 'conf'] },
      // The history host runs in its own utility process, so it is its own file beside the main entry; so is the
      // worker thread that writes an import's files (core/history/file-writer.ts looks for it there).
      rollupOptions: {
        input: {
          index: resolve('src-main/electron/main.ts'),
          'history-host': resolve('src-main/electron/history-host.ts'),
          'history-writer': resolve('src-main/core/history/file-writer-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    base: './',
    plugins: [svelte({ configFile: resolve('svelte.config.mjs') })],
    build: {
      outDir: resolve('out/renderer'),
      // electron-vite leaves the renderer unminified; it is parsed on every start of the window.
      minify: true,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
