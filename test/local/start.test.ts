import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { createRequest } from '#test/support/commands.ts';
import { eventually } from '#test/support/eventually.ts';
import { runNpmStart, startStack } from '#test/support/local-stack.ts';
import { StackClient } from '#test/e2e/support/client.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { findExecutable } from '../../local/find-executable.ts';
import { freePort } from '../../local/free-port.ts';

/** Whether a process with `pid` exists (signal 0 only checks). */
const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const isListening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });

/** A folder for `PATH` with only what `npm start` needs besides Java: npm, the node it runs on and `sh` for the script. */
const pathWithoutJava = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'path-without-java-'));
  for (const tool of ['npm', 'node', 'sh']) {
    const found = findExecutable(tool, process.env['PATH'] ?? '');
    if (found === null) throw new Error(`no ${tool} on PATH`);
    symlinkSync(found, join(folder, tool));
  }
  return folder;
};

describe('npm start', () => {
  it('says in one line that Java is missing and how to install it, and starts nothing', async () => {
    const folder = pathWithoutJava();
    const run = runNpmStart({ PATH: folder }, ['--once']);
    onTestFinished(async () => {
      await run.stop();
      rmSync(folder, { recursive: true, force: true });
    });
    const code = await run.exited;

    expect(code, run.output()).toBe(1);
    expect(run.output().trim().split('\n').at(-1)).toBe(
      'DynamoDB Local needs Java 17 or newer and there is no `java` on PATH: install it with `apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu).',
    );
    expect(run.output()).not.toContain('DynamoDB Local:');
  });

  it('plays every lifecycle to its terminal status and stops DynamoDB Local with --once', async () => {
    const port = await freePort();
    const run = runNpmStart({ DYNAMODB_PORT: String(port) }, ['--once']);
    onTestFinished(async () => {
      await run.stop();
    });
    const { output } = run;
    const code = await run.exited;

    expect(code, output()).toBe(0);
    expect(output()).toContain('duplicate of webhook#manual#evt-pickup');
    expect(output()).toContain('DeliveryAnomalyDetected (recorded');
    expect(output().match(/→ (DELIVERED|RETURNED|CANCELLED) +Delivery(Delivered|Returned|Cancelled) \(applied/g)).toHaveLength(4);
    expect(await isListening(port)).toBe(false);
  });

  it('serves the HTTP API with the workflow running until SIGTERM to npm, then stops everything it started, the relay process too', async () => {
    const stack = await startStack();
    onTestFinished(async () => {
      await stack.stop();
    });
    const { apiUrl: api, awsUrl } = stack;
    const [dynamodbPort, apiPort, awsPort] = [stack.dynamodbUrl, api, awsUrl].map((url) => Number(new URL(url).port));
    const relayPid = stack.relayPid();
    expect(isRunning(relayPid)).toBe(true);

    const created = await fetch(`${api}/deliveries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(createRequest()) });
    expect(created.status).toBe(201);
    const { deliveryId } = (await created.json()) as { deliveryId: string };
    const view = async () => (await (await fetch(`${api}/deliveries/${deliveryId}`)).json()) as { status: string; executionArn: string };
    await eventually('the workflow to book the delivery with the manual partner', async () => ((await view()).status === 'AWAITING_PICKUP' ? true : undefined));

    const onTheBus = async (): Promise<string[]> =>
      (await new StackClient(stack).busEntries()).filter((entry) => entry.Detail.includes(deliveryId)).map((entry) => entry.DetailType);
    const published = await eventually('three events on the bus', async () => {
      const types = await onTheBus();
      return types.length >= 3 ? types : undefined;
    });
    expect(published, 'the relay publishes every committed event, in order').toEqual(['DeliveryCreated', 'DeliveryDispatchRequested', 'DeliveryPartnerAssigned']);

    const sfn = new SFNClient({ endpoint: awsUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const { executionArn } = await view();
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn })), 'the execution, through the real SFN client').toMatchObject({ name: deliveryId, status: 'RUNNING' });

    expect(await stack.stop()).toBe(0);
    expect(stack.output(), 'the relay stopped in its turn, not restarted on the way out').not.toContain('died');
    expect(isRunning(relayPid)).toBe(false);
    for (const port of [dynamodbPort, apiPort, awsPort]) expect(await isListening(port ?? 0)).toBe(false);
  }, 60_000);

  it('stops with the reason, exit code 1, when DynamoDB Local dies: the tables it held in memory are gone', async () => {
    const stack = await startStack();
    onTestFinished(async () => {
      await stack.stop();
    });
    const relayPid = stack.relayPid();
    const ports = [stack.dynamodbUrl, stack.apiUrl, stack.awsUrl].map((url) => Number(new URL(url).port));
    expect(isRunning(stack.dynamodbPid), stack.output()).toBe(true);

    process.kill(stack.dynamodbPid, 'SIGKILL');
    const code = await eventually('the stack to stop', () => stack.exitCode(), 60_000);

    expect(code, stack.output()).toBe(1);
    expect(stack.output()).toMatch(new RegExp(`DynamoDB Local \\(pid ${String(stack.dynamodbPid)}\\) exited \\(SIGKILL\\).*in memory.*stopping`));
    expect(isRunning(relayPid), 'the relay stopped with it').toBe(false);
    for (const port of ports) expect(await isListening(port)).toBe(false);
  }, 120_000);
});
