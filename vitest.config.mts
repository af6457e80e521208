import { defineConfig } from 'vitest/config';

// Two Node projects: unit (fast, fakes at the ports) and integration (real HTTP/HTTPS servers on 127.0.0.1).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
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
