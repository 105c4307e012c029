import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSynthesized, synthesize, type SynthesizedApp } from '../support/cdk-app.ts';
import { serviceFunctionsOf } from '../support/service-functions.ts';

const run = promisify(execFile);

/** Values for the variables CloudFormation fills in at deploy time. */
const DEPLOY_TIME_VALUES: Readonly<Record<string, string>> = {
  DELIVERY_TABLE_NAME: 'bookstore-deliveries',
  STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:delivery-lifecycle',
  EVENT_BUS_NAME: 'bookstore-delivery',
  REJECTED_EVENTS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/rejected-order-events',
};

interface BundledFunction {
  readonly id: string;
  readonly bundle: string;
  readonly environment: Record<string, string>;
}

let synthesized: SynthesizedApp;
let functions: BundledFunction[];
beforeAll(() => {
  synthesized = synthesize({ bundle: true });
  const resources = serviceFunctionsOf<{ Properties: { Code: { S3Key: string }; Environment: { Variables: Record<string, unknown> } } }>(synthesized.template);
  functions = Object.entries(resources).map(([id, { Properties }]) => ({
    id,
    bundle: join(synthesized.outdir, `asset.${Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs'),
    environment: Object.fromEntries(
      Object.entries(Properties.Environment.Variables).map(([name, value]) => {
        const resolved = typeof value === 'string' ? value : DEPLOY_TIME_VALUES[name];
        if (resolved === undefined) throw new Error(`${id}: give the test a value for ${name}`);
        return [name, resolved];
      }),
    ),
  }));
}, 180_000);
afterAll(() => { removeSynthesized(synthesized); });

/** Runs `script` as an ES module in a fresh Node process with a function's environment, as Lambda would load it. */
const runWith = (fn: BundledFunction, script: string): Promise<{ stdout: string }> =>
  run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', ...fn.environment },
  });

describe('the function bundles cdk synth builds', () => {
  it('are one minified ESM file with a source map per function', () => {
    expect(functions).toHaveLength(7);
    for (const fn of functions) {
      expect(existsSync(fn.bundle), fn.id).toBe(true);
      expect(existsSync(`${fn.bundle}.map`), fn.id).toBe(true);
    }
  });

  it('load in a fresh Node process with the environment CDK gives them, and export a handler', async () => {
    for (const fn of functions) {
      const { stdout } = await runWith(fn, `const m = await import(${JSON.stringify(pathToFileURL(fn.bundle).href)}); console.log(typeof m.handler);`);
      expect(stdout.trim(), fn.id).toBe('function');
    }
  }, 60_000);

  it('answer a request through the whole middy stack (the API bundle, GET /health)', async () => {
    const api = functions.find((fn) => fn.id.startsWith('ApiApiHandler'));
    expect(api).toBeDefined();
    if (!api) return;
    const event = { httpMethod: 'GET', resource: '/health', path: '/health', headers: {}, body: null, isBase64Encoded: false, requestContext: { requestId: 'r-1' } };
    const { stdout } = await runWith(
      api,
      `const m = await import(${JSON.stringify(pathToFileURL(api.bundle).href)}); const r = await m.handler(${JSON.stringify(event)}, { awsRequestId: 'r-1', functionName: 'api' }); console.log(JSON.stringify(r));`,
    );
    const response = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
  }, 30_000);
});
