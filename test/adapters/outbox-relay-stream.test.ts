import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EventPublisher } from '#adapters/event-publisher.ts';
import { relayStreamRecords } from '#application/outbox-relay.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { operator, partner } from '#test/support/commands.ts';
import { freshRepository, localClientConfig } from '#test/support/dynamodb.ts';
import { path } from '#test/support/paths.ts';
import { commitAll } from '#test/support/store-steps.ts';
import { readAllStreamRecords, streamArnOf } from '../../local/dynamodb-stream-reader.ts';

describe('outbox relay on the DynamoDB Local stream', () => {
  it('publishes every committed event exactly as stored, in sequence order, and nothing else', async () => {
    const { repository, raw, tableName } = await freshRepository();
    const delivered = await commitAll(repository, [...path.onHoldMaxAttempts(), operator('REATTEMPT'), partner('OUT_FOR_DELIVERY'), partner('DELIVERED')]);
    const records = await readAllStreamRecords(new DynamoDBStreamsClient(localClientConfig()), await streamArnOf(raw, tableName));

    // PutEvents is answered here; the local stack's EventBridge endpoint replaces this in the end-to-end tests.
    const client = new EventBridgeClient({ region: 'eu-west-1' });
    const eventBridge = mockClient(client);
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries?: PutEventsRequestEntry[] }) => ({
      FailedEntryCount: 0,
      Entries: (input.Entries ?? []).map(() => ({ EventId: 'ok' })),
    }));


    const result = await relayStreamRecords(records, new EventPublisher({ client }), { eventBusName: 'bookstore-delivery', stateMachineArn: null });
    expect(result.batchItemFailures).toEqual([]);
    const published = eventBridge.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);
    expect(published.map((entry) => JSON.parse(entry.Detail ?? '{}') as DomainEvent)).toEqual(await repository.listEvents(delivered.deliveryId));
    expect(published.map((entry) => entry.DetailType)).toContain('DeliveryDelivered');
    expect(records.length).toBeGreaterThan(published.length);
  });
});
