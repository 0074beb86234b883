import { defineConfig } from 'vitest/config';

/** The functions' structured logs stay quiet in tests; `POWERTOOLS_LOG_LEVEL=DEBUG npm test` shows them. */
const quietLogs = { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT' };

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
          env: quietLogs,
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'node_modules/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          env: quietLogs,
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
