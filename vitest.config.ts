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
    // `npm test` runs with coverage. The end-to-end tier runs the service in a child process (`npm start`)
    // that V8 coverage does not see, so what is measured comes from the unit and DynamoDB tiers.
    coverage: {
      provider: 'v8',
      include: ['functions/**/*.ts', 'cdk/**/*.ts', 'local/**/*.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      // The measured figures rounded down; functions/ keeps a point of slack on branches and statements for
      // the retry paths whose coverage depends on timing.
      thresholds: {
        'functions/**': { lines: 97, branches: 92, functions: 97, statements: 96 },
        'cdk/**': { lines: 96, branches: 87, functions: 92, statements: 94 },
        'local/**': { lines: 77, branches: 67, functions: 79, statements: 76 },
      },
    },
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
