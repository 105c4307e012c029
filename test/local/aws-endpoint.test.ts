import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startAwsEndpoint, type AwsOperation } from '../../local/aws-endpoint.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.ts';
import { exchangeUntilClosed, requestHead } from '#test/support/raw-connection.ts';
import { freePort } from '../../local/free-port.ts';
import { LocalEventBus } from '../../local/local-event-bus.ts';
import { LocalRejectedEvents } from '../../local/local-rejected-events.ts';

const endpointWithBus = async (operations: Readonly<Record<string, AwsOperation>> = {}) => {
  const bus = new LocalEventBus();
  const rejected = new LocalRejectedEvents();
  const endpoint = await startAwsEndpoint({ port: await freePort(), bus, rejected, operations: { 'AWSEvents.PutEvents': (input) => bus.putEvents(input), ...operations } });
  onTestFinished(() => endpoint.close());
  const client = { endpoint: endpoint.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  return { bus, rejected, endpoint, client };
};

describe('the local AWS endpoint', () => {
  it('takes PutEvents from the real EventBridge client: accepted entries listed with their Time, refused ones counted', async () => {
    const { endpoint, client } = await endpointWithBus();
    const time = new Date('2026-11-25T10:00:00Z');
    const result = await new EventBridgeClient(client).send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'bookstore-delivery', Source: 'bookstore.delivery', DetailType: 'DeliveryCreated', Detail: '{"eventId":"e-1"}', Time: time },
          { EventBusName: 'bookstore-delivery', Source: 'bookstore.delivery', DetailType: 'DeliveryCreated', Detail: 'not json' },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(result.Entries?.[1]).toMatchObject({ ErrorCode: 'MalformedDetail' });

    const listed = (await (await fetch(`${endpoint.url}/_local/events`)).json()) as { entries: unknown[] };
    expect(listed.entries).toEqual([
      expect.objectContaining({ EventBusName: 'bookstore-delivery', DetailType: 'DeliveryCreated', Detail: '{"eventId":"e-1"}', Time: time.toISOString() }),
    ]);
  });

  it('refuses an operation it does not speak with an error the SDK raises', async () => {
    const { client } = await endpointWithBus();
    await expect(
      new SFNClient(client).send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:X', input: '{}' })),
    ).rejects.toThrow(/no operation AWSStepFunctions.StartExecution here/);
  });

  it('knows only its own operations: a name every object inherits is an unknown operation, as AWS answers it', async () => {
    const { endpoint } = await endpointWithBus();
    for (const target of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
      const response = await fetch(endpoint.url, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
      expect({ target, status: response.status, body: await response.json() }).toEqual({
        target,
        status: 400,
        body: { __type: 'com.amazon.coral.service#UnknownOperationException', message: `no operation ${target} here` },
      });
    }
  });

  it('answers 500 with a JSON error when an operation\'s result cannot be sent, instead of leaving the caller waiting', async () => {
    const { endpoint } = await endpointWithBus({ 'Test.Unsendable': () => ({ count: 1n }) });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await fetch(endpoint.url, { method: 'POST', headers: { 'x-amz-target': 'Test.Unsendable' }, body: '{}' });
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 500, body: { __type: 'InternalFailure', message: expect.stringContaining('BigInt') as string } });
  });

  it('lists a rejected event nested 10,000 deep, kept as a placeholder that says why it is not shown', async () => {
    const { endpoint, rejected } = await endpointWithBus();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let deep: unknown = 'bottom';
    for (let level = 0; level < 10_000; level += 1) deep = { deeper: deep };
    await rejected.reject({ 'detail-type': 'OrderPaid', detail: { orderId: 'ord-deep', items: deep } }, 'malformed: items: expected array');
    await rejected.reject({ 'detail-type': 'OrderPaid', detail: { orderId: 'ord-flat' } }, 'malformed: items: required');

    const response = await fetch(`${endpoint.url}/_local/rejected-events`);
    expect(response.status).toBe(200);
    const { entries } = (await response.json()) as { entries: { reason: string; event: unknown }[] };
    expect(entries).toEqual([
      { reason: 'malformed: items: expected array', rejectedAt: expect.any(String) as string, event: { notKept: expect.stringMatching(/nested more than 1100 levels deep/) as string } },
      { reason: 'malformed: items: required', rejectedAt: expect.any(String) as string, event: { 'detail-type': 'OrderPaid', detail: { orderId: 'ord-flat' } } },
    ]);
  });

  it('answers 413 to a body over 1 MiB and closes the connection, as AWS does, instead of reading it all', async () => {
    const { endpoint, bus } = await endpointWithBus();
    const detail = JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) });
    const body = Buffer.from(JSON.stringify({ Entries: [{ Source: 'test', DetailType: 'Big', Detail: detail }] }));
    const head = requestHead('POST', '/', body.byteLength, { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' });
    const received = await exchangeUntilClosed(endpoint.url, [head, body, requestHead('GET', '/_local/events', 0)]);
    expect(received.match(/^HTTP\/1\.1 \d+/gm), 'one answer, to the first request').toEqual(['HTTP/1.1 413']);
    expect(received).toMatch(/^connection: close\r$/im);
    expect(received).toContain('bodies over 1048576 bytes are not read');
    expect(bus.entries).toEqual([]);
  });

  it('refuses a PutEvents call AWS would refuse: more than 10 entries, or entries over 256 KiB together, counted as EventBridge counts them', async () => {
    const { bus, client } = await endpointWithBus();
    const eventBridge = new EventBridgeClient(client);
    const entry = (detail: string, time?: Date) => ({ EventBusName: 'bookstore-delivery', Source: 'test', DetailType: 'Big', Detail: detail, ...(time ? { Time: time } : {}) });
    /** A Detail of exactly `bytes` UTF-8 bytes, two-byte characters included, so that its length in characters is less. */
    const detailOf = (bytes: number) => `{"a":"${'é'.repeat(Math.floor((bytes - 8) / 2))}${'x'.repeat((bytes - 8) % 2)}"}`;
    const LIMIT = 256 * 1024;
    const overhead = 'test'.length + 'Big'.length;

    const refused = [
      { Entries: Array.from({ length: 11 }, () => entry('{}')) },
      { Entries: [entry(detailOf(LIMIT - overhead - 14 + 1), new Date())] },
      { Entries: [entry(detailOf(LIMIT / 2)), entry(detailOf(LIMIT / 2))] },
      { Entries: [entry(detailOf(8 * 1024 * 1024 / 10))] },
    ];
    for (const input of refused) {
      await expect(eventBridge.send(new PutEventsCommand(input))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    }
    await expect(eventBridge.send(new PutEventsCommand(refused[1] ?? { Entries: [] }))).rejects.toThrow('Total size of the entries in the request is over the limit.');
    expect(bus.entries, 'nothing of a refused call is put').toEqual([]);

    const atTheLimit = await eventBridge.send(new PutEventsCommand({ Entries: [entry(detailOf(LIMIT - overhead - 14), new Date())] }));
    const withoutTime = await eventBridge.send(new PutEventsCommand({ Entries: [entry(detailOf(LIMIT - overhead))] }));
    expect([atTheLimit.FailedEntryCount, withoutTime.FailedEntryCount], 'at 256 KiB exactly, Time counting 14 bytes when it is given').toEqual([0, 0]);
    expect(bus.entries).toHaveLength(2);
  });

  it('keeps the newest 10,000 entries, and GET /_local/events pages them oldest first, 1,000 unless ?limit= says otherwise', async () => {
    const { bus, endpoint } = await endpointWithBus();
    for (let call = 0; call < 1001; call += 1) {
      bus.putEvents({ Entries: Array.from({ length: 10 }, (_, i) => ({ Source: 'test', DetailType: 'Numbered', Detail: JSON.stringify({ n: call * 10 + i }) })) });
    }
    const numbersOf = (entries: readonly { Detail: string }[]) => entries.map((entry) => (JSON.parse(entry.Detail) as { n: number }).n);
    const kept = Array.from({ length: 10_000 }, (_, i) => i + 10);
    expect(numbersOf(bus.entries), 'the oldest ten are dropped').toEqual(kept);

    const page = async (query: string) => {
      const response = await fetch(`${endpoint.url}/_local/events${query}`);
      return { status: response.status, body: (await response.json()) as { entries: { Detail: string; Time: string }[]; nextToken?: string } };
    };
    const first = await page('');
    expect(first.status).toBe(200);
    expect(numbersOf(first.body.entries)).toEqual(kept.slice(0, 1000));
    expect(first.body.entries[0]).toMatchObject({ Time: expect.any(String) as string });
    const read: number[] = [];
    let pages = 0;
    for (let token: string | undefined = ''; token !== undefined; pages += 1) {
      const { body } = await page(`?limit=4000${token === '' ? '' : `&nextToken=${encodeURIComponent(token)}`}`);
      read.push(...numbersOf(body.entries));
      token = body.nextToken;
    }
    expect({ pages, read }).toEqual({ pages: 3, read: kept });

    for (const query of ['?limit=0', '?limit=10001', '?limit=ten', '?nextToken=not-a-token']) {
      expect(await page(query)).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    }
  });
});
