import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` runs fast in parallel; `integration` starts the local stack
 * (DynamoDB Local, s3rver, SES emulator, the synthesized workflow) and runs its files one
 * at a time, since two cores are all a CI machine has.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'node_modules/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
