// Each architecture rule in eslint.config.mjs, shown to fire on a line that breaks it and to stay quiet on the
// allowed form, so a config change that silently disables a boundary fails here.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const cases: { what: string; file: string; bad: string; good: string; rule: string; says: RegExp }[] = [
  {
    what: 'the core never imports electron',
    file: 'src-main/core/history/x.ts',
    bad: "import { app } from 'electron';\nexport const a = app;\n",
    good: "import { join } from 'node:path';\nexport const a = join;\n",
    rule: 'no-restricted-imports',
    says: /plain Node/,
  },
  {
    what: 'the core never imports the shell',
    file: 'src-main/core/app.ts',
    bad: "import { kvStoreFactory } from './history/../../electron/kv';\nexport const a = kvStoreFactory;\n",
    good: "import { fail } from './failure';\nexport const a = fail;\n",
    rule: 'portolan/boundaries',
    says: /nothing of the shell/,
  },
  {
    what: 'the preview never imports the shell',
    file: 'src-main/preview/server.ts',
    bad: "import { createExternalOpener } from './../electron/external';\nexport const a = createExternalOpener;\n",
    good: "import { createCore } from '../core/app';\nexport const a = createCore;\n",
    rule: 'portolan/boundaries',
    says: /never the Electron shell/,
  },
  {
    what: 'the renderer imports nothing main-side, also not through export … from',
    file: 'src-renderer/features/lookup/x.ts',
    bad: "export { createCore } from '../../../src-main/core/app';\n",
    good: "export type { Channel } from '../../../src-shared/contract';\n",
    rule: 'portolan/boundaries',
    says: /only the shared contract/,
  },
  {
    what: 'the renderer has no Node built-ins',
    file: 'src-renderer/lib/x.ts',
    bad: "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n",
    good: "import { channels } from '../../../src-shared/channels';\nexport const a = channels;\n",
    rule: 'no-restricted-imports',
    says: /no Node built-ins/,
  },
  {
    what: "the renderer takes only types from the schemas (zod stays out of the window's bundle)",
    file: 'src-renderer/features/bulk/x.ts',
    bad: "import { BulkResultsRequest } from '../../../src-shared/bulk-contract';\nexport const a = BulkResultsRequest;\n",
    good: "import type { BulkResultsRequest } from '../../../src-shared/bulk-contract';\nexport type A = BulkResultsRequest;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    says: /import their types only/,
  },
  {
    what: 'the preload takes only types from the schemas',
    file: 'src-main/preload/x.ts',
    bad: "import { z } from 'zod';\nexport const a = z;\n",
    good: "import type { Channel } from '../../src-shared/contract';\nexport type A = Channel;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    says: /import their types only/,
  },
  {
    what: 'the contract imports nothing main-side',
    file: 'src-shared/x.ts',
    bad: "import { fail } from '../src-main/core/failure';\nexport const a = fail;\n",
    good: "import { z } from 'zod';\nexport const a = z;\n",
    rule: 'portolan/boundaries',
    says: /imports nothing from main-side/,
  },
  {
    what: 'no synchronous fs in the shell',
    file: 'src-main/electron/x.ts',
    bad: "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
    good: "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n",
    rule: 'no-restricted-imports',
    says: /Synchronous disk access/,
  },
  {
    what: 'no synchronous fs in the core services that answer IPC',
    file: 'src-main/core/service/x.ts',
    bad: "import { existsSync } from 'fs';\nexport const a = existsSync;\n",
    good: "import { stat } from 'node:fs/promises';\nexport const a = stat;\n",
    rule: 'no-restricted-imports',
    says: /Synchronous disk access/,
  },
  {
    what: 'no synchronous fs in the settings store',
    file: 'src-main/core/settings/x.ts',
    bad: "import * as fs from 'node:fs';\nexport const a = fs.readFileSync('settings.json', 'utf8');\n",
    good: "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n",
    rule: 'no-restricted-imports',
    says: /Synchronous disk access/,
  },
  {
    what: 'no synchronous fs in sign-in and the token cache',
    file: 'src-main/core/auth/x.ts',
    bad: "import { rmSync } from 'node:fs';\nexport const a = rmSync;\n",
    good: "import { rm } from 'node:fs/promises';\nexport const a = rm;\n",
    rule: 'no-restricted-imports',
    says: /Synchronous disk access/,
  },
  {
    what: "main-thread code does not use core/fs's blocking helpers",
    file: 'src-main/core/auth/y.ts',
    bad: "import { writeFileAtomicSync } from '../fs/atomic-file';\nexport const a = writeFileAtomicSync;\n",
    good: "import { writeFileAtomic } from '../fs/atomic-file';\nexport const a = writeFileAtomic;\n",
    rule: 'no-restricted-imports',
    says: /block the thread/,
  },
  {
    what: 'the thread that serves IPC never opens the history store itself (it runs in its own process)',
    file: 'src-main/core/app.ts',
    bad: "import { createHistoryStore } from './history';\nexport const a = createHistoryStore;\n",
    good: "import { openHistory } from './history-host/open-history';\nexport const a = openHistory;\n",
    rule: 'no-restricted-imports',
    says: /its own process/,
  },
  {
    what: 'the shell never opens the history store itself',
    file: 'src-main/electron/main.ts',
    bad: "import { createHistoryStore } from '../core/history/store';\nexport const a = createHistoryStore;\n",
    good: "import { serveHistory } from '../core/history-host/serve';\nexport const a = serveHistory;\n",
    rule: 'no-restricted-imports',
    says: /its own process/,
  },
  {
    what: 'the sandboxed preload loads only electron and the contract',
    file: 'src-main/preload/index.ts',
    bad: "import { createCore } from '../core/app';\nexport const a = createCore;\n",
    good: "import { contextBridge } from 'electron';\nexport const a = contextBridge;\n",
    rule: 'portolan/boundaries',
    says: /sandboxed preload/,
  },
  {
    what: 'the renderer never writes markup from strings',
    file: 'src-renderer/lib/y.ts',
    bad: 'export function show(el: HTMLElement, banner: string): void {\n  el.innerHTML = banner;\n}\n',
    good: 'export function show(el: HTMLElement, banner: string): void {\n  el.textContent = banner;\n}\n',
    rule: 'no-restricted-properties',
    says: /as text only/,
  },
  {
    what: 'no {@html} in Svelte components',
    file: 'src-renderer/features/detail/X.svelte',
    bad: '<script lang="ts">\n  let { banner }: { banner: string } = $props();\n</script>\n\n<p>{@html banner}</p>\n',
    good: '<script lang="ts">\n  let { banner }: { banner: string } = $props();\n</script>\n\n<p>{banner}</p>\n',
    rule: 'svelte/no-at-html-tags',
    says: /.+/,
  },
];

describe('lint keeps the architecture', () => {
  for (const c of cases) {
    it(c.what, async () => {
      const bad = await problems(c.file, c.bad);
      expect(bad.some((p) => p.startsWith(`${c.rule}:`) && c.says.test(p)), bad.join('\n')).toBe(true);
      expect(await problems(c.file, c.good)).toEqual([]);
    });
  }

  it('leaves the history store, which runs off the main thread, its synchronous fs', async () => {
    const sync = "import { fsyncSync } from 'node:fs';\nimport { writeFileAtomicSync } from '../fs/atomic-file';\nexport const a = [fsyncSync, writeFileAtomicSync];\n";
    expect(await problems('src-main/core/history/x.ts', sync)).toEqual([]);
  });
});
