import { defineConfig } from 'vitest/config';

/**
 * Three tiers: pure unit tests; tests against DynamoDB Local (started once, always stopped); and
 * end-to-end tests against the local stack, started with `npm start` and driven only from outside.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Handlers log and write metrics to stdout; tests that read them turn them on for themselves.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        // A test's timeout only guards against a hang: a CDK synthesis takes 1-2 s on a quiet machine, 10 s and more on a busy one.
        test: { name: 'unit', testTimeout: 60_000, include: ['test/domain/**/*.test.ts', 'test/schemas/**/*.test.ts', 'test/cdk/**/*.test.ts', 'test/adapters-unit/**/*.test.ts', 'test/http/**/*.test.ts', 'test/workflow/**/*.test.ts', 'test/handlers-unit/**/*.test.ts', 'test/support/**/*.test.ts', 'test/local-unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'dynamodb',
          include: ['test/adapters/**/*.test.ts', 'test/handlers/**/*.test.ts', 'test/local/**/*.test.ts', 'test/workflow-executions/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-local-global-setup.ts'],
          hookTimeout: 120_000,
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/global-setup.ts'],
          hookTimeout: 120_000,
          testTimeout: 90_000,
        },
      },
    ],
  },
});
