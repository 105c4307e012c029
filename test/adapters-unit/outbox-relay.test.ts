import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EventPublisher } from '#adapters/event-publisher.ts';
import { relayStreamRecords } from '#application/outbox-relay.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { operator } from '#test/support/commands.ts';
import { captureLogs } from '#test/support/log-capture.ts';
import { insertedEventRecord, modifiedDeliveryRecord } from '#test/support/event-records.ts';
import { path } from '#test/support/paths.ts';
import { run } from '#test/support/specification.ts';
import { decisionFor } from '#test/support/store-steps.ts';

const client = new EventBridgeClient({ region: 'eu-west-1' });
const eventBridge = mockClient(client);
const publisher = new EventPublisher({ client, pause: () => Promise.resolve() });
const destination = { eventBusName: 'bus', stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:DeliveryLifecycle' };
afterEach(() => eventBridge.reset());

/** Real domain events: the DeliveryPutOnHold of a hold and the DeliveryReturnInitiated of a return. */
const realEvents = (): DomainEvent[] => {
  const state = run(path.inTransit());
  if (!state) throw new Error('no delivery');
  return [...decisionFor(state, operator('HOLD')).events, ...decisionFor(state, operator('RETURN_TO_SENDER')).events];
};

const accepted = (entries: readonly PutEventsRequestEntry[] | undefined) => ({
  FailedEntryCount: 0,
  Entries: (entries ?? []).map((_, i) => ({ EventId: `eb-${String(i)}` })),
});

const sentEntries = (): PutEventsRequestEntry[][] => eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);

describe('outbox relay', () => {
  it('publishes only inserted events, ten to a call, in order, with source, detail-type and the event as detail', async () => {
    const events = Array.from({ length: 23 }, (_, i) => ({ ...realEvents()[0], eventId: `evt-${String(i)}`, sequence: i + 1 }) as DomainEvent);
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries?: PutEventsRequestEntry[] }) => accepted(input.Entries));
    const records = [modifiedDeliveryRecord(), ...events.map((event) => insertedEventRecord(event)), modifiedDeliveryRecord()];

    expect(await relayStreamRecords(records, publisher, { ...destination, eventBusName: 'bookstore-delivery' })).toEqual({ batchItemFailures: [] });
    const calls = sentEntries();
    expect(calls.map((entries) => entries.length)).toEqual([10, 10, 3]);
    const sent = calls.flat();
    expect(sent.map((entry) => (JSON.parse(entry.Detail ?? '{}') as DomainEvent).eventId)).toEqual(events.map((e) => e.eventId));
    expect(sent[0]).toMatchObject({ EventBusName: 'bookstore-delivery', Source: 'bookstore.delivery', DetailType: events[0]?.type });
  });

  it('sends again only the entries EventBridge refused, and reports none when the retry succeeds', async () => {
    const events = realEvents();
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }, ...events.slice(1).map(() => ({ EventId: 'ok' }))] })
      .callsFake((input: { Entries?: PutEventsRequestEntry[] }) => accepted(input.Entries));

    expect(await relayStreamRecords(events.map((e) => insertedEventRecord(e)), publisher, destination)).toEqual({ batchItemFailures: [] });
    expect(sentEntries().map((entries) => entries.length)).toEqual([events.length, 1]);
  });

  it('stops at the first event EventBridge keeps refusing, or the first failed call, and reports that record', async () => {
    const events = realEvents();
    const records = events.map((e) => insertedEventRecord(e));
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries?: PutEventsRequestEntry[] }) => ({
      FailedEntryCount: 1,
      Entries: (input.Entries ?? []).map((entry, i) => (i === 0 ? { ErrorCode: 'ThrottlingException' } : { EventId: entry.DetailType ?? 'ok' })),
    }));
    expect(await relayStreamRecords(records, publisher, destination)).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber }] });

    eventBridge.reset();
    eventBridge.on(PutEventsCommand).rejects(new Error('socket hang up'));
    expect(await relayStreamRecords(records, publisher, destination)).toEqual({ batchItemFailures: [{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber }] });
  });

  it('stops at a record that holds no valid event: the events before it are published, none after it', async () => {
    const [event] = realEvents();
    if (!event) throw new Error('no event');
    const before = insertedEventRecord({ ...event, eventId: 'before' });
    const broken = insertedEventRecord({ ...event, sequence: -1 });
    const after = insertedEventRecord({ ...event, eventId: 'after' });
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries?: PutEventsRequestEntry[] }) => accepted(input.Entries));
    expect(await relayStreamRecords([before, broken, after], publisher, destination)).toEqual({
      batchItemFailures: [{ itemIdentifier: broken.dynamodb?.SequenceNumber }],
    });
    expect(sentEntries().flat().map((entry) => (JSON.parse(entry.Detail ?? '{}') as DomainEvent).eventId)).toEqual(['before']);
  });

  it('logs each event it sent on a line of its own, naming that event, its delivery, its execution and its cause: a batch mixes deliveries', async () => {
    const [first, second] = realEvents();
    if (!first || !second) throw new Error('no events');
    const other = { ...second, eventId: 'evt-other', deliveryId: 'dlv-other', orderId: 'ord-other', causationId: 'cmd-other' };
    const events = [first, other, second];
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries?: PutEventsRequestEntry[] }) => ({
      FailedEntryCount: 1,
      Entries: (input.Entries ?? []).map((entry) => ((JSON.parse(entry.Detail ?? '{}') as DomainEvent).eventId === 'evt-other' ? { ErrorCode: 'InternalFailure' } : { EventId: 'ok' })),
    }));
    const logs = captureLogs('DEBUG');
    await relayStreamRecords(events.map((e) => insertedEventRecord(e)), publisher, destination);
    logs.stop();

    const named = (event: DomainEvent) => ({
      deliveryId: event.deliveryId,
      orderId: event.orderId,
      executionArn: `arn:aws:states:eu-west-1:123456789012:execution:DeliveryLifecycle:${event.deliveryId}`,
      eventId: event.eventId,
      eventType: event.type,
      sequence: event.sequence,
      causationId: event.causationId,
    });
    const lines = logs.parsed();
    expect(lines.filter((line) => line['eventId'] !== undefined)).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'event published', ...named(first) }),
      expect.objectContaining({ level: 'ERROR', message: 'event not published', ...named(other), reason: 'EventBridge kept refusing the event' }),
      expect.objectContaining({ level: 'INFO', message: 'event published', ...named(second) }),
    ]);
    const batch = lines.find((line) => line['message'] === 'relayed stream records');
    expect(batch).toMatchObject({ level: 'ERROR', events: 3, published: 2 });
    expect(batch).not.toHaveProperty('deliveryId');
  });

  it('splits calls that would pass 256 KiB', async () => {
    const [event] = realEvents();
    if (!event) throw new Error('no event');
    const big = Array.from({ length: 6 }, (_, i) => ({ ...event, eventId: `big-${String(i)}`, reason: 'x'.repeat(60_000) }));
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries?: PutEventsRequestEntry[] }) => accepted(input.Entries));
    await relayStreamRecords(big.map((e) => insertedEventRecord(e)), publisher, destination);
    expect(sentEntries().map((entries) => entries.length)).toEqual([4, 2]);
  });
});

