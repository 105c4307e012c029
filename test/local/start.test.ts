import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { createRequest } from '#test/support/commands.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';

/** Runs `npm start` as a user does; SIGTERM (which stops DynamoDB Local) if the test ends first. */
const startScript = (port: number, args: string[] = [], env: Record<string, string> = {}) => {
  const child = spawn('npm', ['start', ...(args.length > 0 ? ['--', ...args] : [])], {
    env: { ...process.env, DYNAMODB_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  return child;
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

const collect = (child: ReturnType<typeof startScript>): (() => string) => {
  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  return () => output;
};

describe('npm start', () => {
  it('plays every lifecycle to its terminal status and stops DynamoDB Local with --once', async () => {
    const port = await freePort();
    const child = startScript(port, ['--once']);
    const output = collect(child);
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(code, output()).toBe(0);
    expect(output()).toContain('duplicate of webhook#manual#evt-pickup');
    expect(output()).toContain('DeliveryAnomalyDetected (recorded');
    expect(output().match(/→ (DELIVERED|RETURNED|CANCELLED) +Delivery(Delivered|Returned|Cancelled) \(applied/g)).toHaveLength(4);
    expect(await isListening(port)).toBe(false);
  });

  it('serves the HTTP API with the workflow running until SIGTERM to npm, then stops everything it started', async () => {
    const port = await freePort();
    const apiPort = await freePort();
    const awsPort = await freePort();
    const child = startScript(port, [], { PORT: String(apiPort), AWS_LOCAL_PORT: String(awsPort) });
    const output = collect(child);
    while (!output().includes('Ctrl-C stops everything')) {
      if (child.exitCode !== null) throw new Error(output());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await isListening(port)).toBe(true);
    const api = `http://127.0.0.1:${String(apiPort)}`;
    expect(output()).toContain(`HTTP API: ${api}`);

    const created = await fetch(`${api}/deliveries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(createRequest()) });
    expect(created.status).toBe(201);
    const { deliveryId } = (await created.json()) as { deliveryId: string };
    let status = '';
    for (let i = 0; i < 100 && status !== 'AWAITING_PICKUP'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = ((await (await fetch(`${api}/deliveries/${deliveryId}`)).json()) as { status: string }).status;
    }
    expect(status, 'the workflow books the delivery with the manual partner').toBe('AWAITING_PICKUP');

    const onTheBus = async (): Promise<string[]> => {
      const { entries } = (await (await fetch(`http://127.0.0.1:${String(awsPort)}/_local/events`)).json()) as { entries: { DetailType: string; Detail: string }[] };
      return entries.filter((entry) => entry.Detail.includes(deliveryId)).map((entry) => entry.DetailType);
    };
    let published: string[] = [];
    for (let i = 0; i < 50 && published.length < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      published = await onTheBus();
    }
    expect(published, 'the relay publishes every committed event, in order').toEqual(['DeliveryCreated', 'DeliveryDispatchRequested', 'DeliveryPartnerAssigned']);

    const sfn = new SFNClient({ endpoint: `http://127.0.0.1:${String(awsPort)}`, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const { executionArn } = (await (await fetch(`${api}/deliveries/${deliveryId}`)).json()) as { executionArn: string };
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn })), 'the execution, through the real SFN client').toMatchObject({ name: deliveryId, status: 'RUNNING' });

    const orderPaid = { Source: 'bookstore.orders', DetailType: 'OrderPaid', EventBusName: 'bookstore-delivery', Detail: JSON.stringify(createRequest({ orderId: 'ord-from-the-bus' })) };
    const eventBridge = new EventBridgeClient({ endpoint: `http://127.0.0.1:${String(awsPort)}`, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await eventBridge.send(new PutEventsCommand({ Entries: [orderPaid] }));
    await eventBridge.send(new PutEventsCommand({ Entries: [orderPaid] }));
    const createdFromTheBus = async (): Promise<number> => {
      const { entries } = (await (await fetch(`http://127.0.0.1:${String(awsPort)}/_local/events`)).json()) as { entries: { DetailType: string; Detail: string }[] };
      return entries.filter((entry) => entry.DetailType === 'DeliveryCreated' && entry.Detail.includes('ord-from-the-bus')).length;
    };
    let fromTheBus = 0;
    for (let i = 0; i < 50 && fromTheBus === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      fromTheBus = await createdFromTheBus();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await createdFromTheBus(), 'OrderPaid put twice through the stack\'s rule gives one delivery').toBe(1);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(await isListening(port)).toBe(false);
    expect(await isListening(apiPort)).toBe(false);
    expect(await isListening(awsPort)).toBe(false);
  }, 60_000);
});
