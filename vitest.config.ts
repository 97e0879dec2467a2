import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // From Electron 42 on, merely requiring `electron` tries to download it:
    // tests that touch the shell get the thin stand-in instead.
    alias: { electron: fileURLToPath(new URL('./tests/support/electronStandIn.ts', import.meta.url)) },
  },
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'desk/**/*.test.ts',
      'launcher/**/*.test.ts',
      'renderer/**/*.test.ts',
      'tests/integration/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
