import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Node projects: unit (fast, fakes at the ports), integration (real HTTP/HTTPS servers on 127.0.0.1), and the
// renderer's state classes, whose runes ($state, $derived) only work once the Svelte compiler has seen them.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          // A few unit tests load ESLint or compile a JSON schema: seconds on a loaded 2-core machine.
          testTimeout: 20_000,
        },
      },
      {
        // Svelte's docs: test files that use runes must have .svelte. in their name. No DOM is needed: the state
        // classes hold none, and lib/api (their only reach into the page) is faked by each test. The environment
        // has Vite transform them as for the browser, so Svelte compiles client-side (reactive) runes.
        plugins: [svelte({ configFile: false })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer-state',
          environment: './test/support/svelte-client-environment.ts',
          include: ['src-renderer/**/*.svelte.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Integration suites start servers and child processes; on 2 cores, fewer workers is faster.
          maxWorkers: 2,
          // Projects with different worker limits must run in different groups (Vitest 4 rule).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
