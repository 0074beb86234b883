import { defineConfig } from 'vitest/config';

/** The functions' structured logs stay quiet in tests; `POWERTOOLS_LOG_LEVEL=DEBUG npm test` shows them. */
const quietLogs = { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT' };

/**
 * The tests that need no Java, no server (nothing listening on a port, no child process), no
 * esbuild and no CDK synthesis, and run in seconds: the rules, the form, the messages, the
 * functions' pure parts, and the local stack's pure parts. A new test file under test/functions/
 * is unit by default; one elsewhere is integration until it is listed here.
 */
const UNIT_TESTS = [
  'test/catalog/*.test.ts',
  'test/bench/dynamodb-units.test.ts',
  'test/bench/bill.test.ts',
  'test/functions/**/*.test.ts',
  'test/local/http-front/*.test.ts',
  'test/local/lambda-context.test.ts',
  'test/local/lambda-runtime/lambda-context-snapshot.test.ts',
  'test/local/local-jwt.test.ts',
  'test/local/local-identity.test.ts',
  'test/local/stepfunctions/clock.test.ts',
  'test/local/services/eventbridge/*.test.ts',
  'test/local/services/ses/*.test.ts',
  'test/local/signing/*.test.ts',
  'test/infra/portal-access-settings.test.ts',
  'test/infra/identity-settings.test.ts',
  'test/infra/deployable-stage.test.ts',
];

/**
 * Two projects, `npm test -- --project unit` runs one:
 * - `unit` (UNIT_TESTS), files in parallel, sharing their workers' module graph;
 * - `integration`, every other test: the local services (DynamoDB Local on Java, s3rver, the SES
 *   emulator), the local Step Functions runtime and HTTP front, the CDK app synthesized (stack,
 *   cdk-nag, workflow definition) and bundled by esbuild, and the whole stories on the local
 *   stack. Its files run one at a time: they start servers and synthesize, and a CI machine has
 *   two cores.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          env: quietLogs,
          include: UNIT_TESTS,
          // One module graph per worker, not per file: re-importing it for each file cost more
          // than the tests. So a unit test leaves nothing behind (real timers restored, no
          // environment variable changed, no module mocked).
          isolate: false,
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          env: quietLogs,
          include: ['test/**/*.test.ts'],
          exclude: [...UNIT_TESTS, 'node_modules/**'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
