// The architecture is kept here, not in prose: which folder may import what, and where synchronous disk
// access would stall Electron's main thread. test/unit/lint/architecture.test.ts proves each rule fires.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaries } from './scripts/eslint-boundaries.mjs';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https'];

/** node:fs functions that block the thread they run on. */
const SYNC_FS = [
  'accessSync', 'appendFileSync', 'chmodSync', 'closeSync', 'copyFileSync', 'cpSync', 'existsSync', 'fdatasyncSync', 'fstatSync',
  'fsyncSync', 'ftruncateSync', 'lstatSync', 'mkdirSync', 'mkdtempSync', 'openSync', 'opendirSync', 'readdirSync', 'readFileSync',
  'readSync', 'readlinkSync', 'realpathSync', 'renameSync', 'rmSync', 'rmdirSync', 'statSync', 'symlinkSync', 'truncateSync',
  'unlinkSync', 'utimesSync', 'writeFileSync', 'writeSync',
];
const noSyncFs = ['fs', 'node:fs'].map((name) => ({
  name,
  importNames: SYNC_FS,
  message: 'Synchronous disk access blocks the thread that serves IPC and window events; use node:fs/promises.',
}));

/** core/fs serves the history store's process too, so it keeps blocking forms; main-thread code may not import them. */
const noBlockingFileHelpers = {
  group: ['**/fs/atomic-file'],
  importNames: ['writeFileAtomicSync', 'moveAside', 'fsyncDir'],
  message: 'These block the thread they run on; use writeFileAtomic / moveAsideAsync.',
};

/** The history store runs in its own process; code on the thread that serves IPC reaches it through openHistory. */
const noDirectHistoryStore = {
  regex: '(^|/)history(/index|/store)?$',
  importNames: ['createHistoryStore'],
  message: 'The history store runs in its own process: open it through openHistory (core/history-host/open-history).',
};

/**
 * zod and the schemas built with it validate on the main side; a value import of them would carry the whole
 * library (about 60 KB gzip) into the renderer's or preload's bundle. Their types cost nothing.
 */
const schemasStayInMain = [
  'error',
  {
    patterns: [
      { group: ['zod', 'zod/*', '**/src-shared/*contract'], allowTypeImports: true, message: 'Schemas validate in main: import their types only (import type).' },
    ],
  },
];

const restrict = (paths, patterns = []) => ['error', { paths, patterns }];
const NO_ELECTRON_IN_CORE = { name: 'electron', message: 'The core runs in plain Node (tests, preview); the shell hands it ports.' };

/** Which folder may reach which: the arrows point one way, renderer → contract ← main side. */
const ZONES = [
  { from: 'src-renderer', forbid: ['src-main'], message: 'The renderer may import only the shared contract (src-shared), nothing from src-main.' },
  { from: 'src-shared', forbid: ['src-main', 'src-renderer'], message: 'The contract imports nothing from main-side folders; they import it.' },
  { from: 'src-main/core', forbid: ['src-main/electron', 'src-main/preload', 'src-main/preview', 'src-renderer'], message: 'The core depends on nothing of the shell, preload or preview.' },
  { from: 'src-main/preview', forbid: ['src-main/electron', 'src-main/preload', 'src-renderer'], message: 'The preview uses the core and the contract, never the Electron shell.' },
  { from: 'src-main/electron', forbid: ['src-main/preview', 'src-renderer'], message: 'The shell uses the core and the contract, never the preview.' },
  { from: 'src-main/preload', forbid: ['src-main/core', 'src-main/electron', 'src-main/preview', 'src-renderer'], message: 'The sandboxed preload may load only electron and the contract.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { portolan: { rules: { boundaries } } },
    rules: {
      'portolan/boundaries': ['error', ZONES],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Control characters in patterns are the point here: hostile banners and ids are checked for them.
      'no-control-regex': 'off',
      // `{'\\n'}` keeps a line break inside <pre> explicit.
      'svelte/no-useless-mustaches': ['error', { ignoreStringEscape: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'svelte/no-at-html-tags': 'error',
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'The renderer talks to main only through the preload API.' }],
        [{ group: NODE_BUILTINS, message: 'The renderer runs in a sandboxed browser page: no Node built-ins.' }],
      ),
      '@typescript-eslint/no-restricted-imports': schemasStayInMain,
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Attacker-controlled text is rendered as text only.' },
        { property: 'outerHTML', message: 'Attacker-controlled text is rendered as text only.' },
      ],
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'The contract is shared with the renderer and plain Node.' }],
        [{ group: NODE_BUILTINS, message: 'The contract is loaded by the renderer too: no Node built-ins.' }],
      ),
    },
  },
  {
    files: ['src-main/core/**'],
    rules: { 'no-restricted-imports': restrict([NO_ELECTRON_IN_CORE]) },
  },
  {
    // The parts of the core that serve IPC on Electron's main thread: all of it but the history store, which
    // runs in its own process (a worker in the preview), and core/fs, which serves both sides.
    files: ['src-main/core/**'],
    ignores: ['src-main/core/history/**', 'src-main/core/fs/**'],
    rules: { 'no-restricted-imports': restrict([NO_ELECTRON_IN_CORE, ...noSyncFs], [noBlockingFileHelpers, noDirectHistoryStore]) },
  },
  {
    // The two that may open the store itself: the history host's server, and the in-process choice unit tests use.
    files: ['src-main/core/history-host/serve.ts', 'src-main/core/history-host/open-history.ts'],
    rules: { 'no-restricted-imports': restrict([NO_ELECTRON_IN_CORE, ...noSyncFs], [noBlockingFileHelpers]) },
  },
  {
    files: ['src-main/preview/**'],
    rules: {
      'no-restricted-imports': restrict([{ name: 'electron', message: 'The preview runs in plain Node, never in Electron.' }], [noDirectHistoryStore]),
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': restrict(noSyncFs, [noBlockingFileHelpers, noDirectHistoryStore]),
    },
  },
  {
    files: ['src-main/preload/**'],
    rules: {
      'no-restricted-imports': restrict(
        [],
        [{ group: NODE_BUILTINS, message: 'A sandboxed preload has no Node built-ins.' }],
      ),
      '@typescript-eslint/no-restricted-imports': schemasStayInMain,
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', '*.config.*'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
