import { describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '#schemas/event-envelope.ts';
import { createRequest } from '#test/support/commands.ts';
import { captureLogs, type LogLine } from '#test/support/log-capture.ts';
import { serviceOnFreshTable } from '#test/support/service-harness.ts';

describe('log lines across the tiers', () => {
  it('name the same delivery, order and execution from POST /deliveries through the workflow to the relay, and each event with its cause', async () => {
    const service = await serviceOnFreshTable();
    const logs = captureLogs('DEBUG');
    const body = createRequest();

    // One tier at a time: in one process the tiers share the logger, so their lines are told apart by when they came.
    const created = await service.call({ method: 'POST', resource: '/deliveries', body });
    expect(created.status).toBe(201);
    const deliveryId = String(created.body['deliveryId']);
    const api = logs.parsed();

    const { parkedIn, workflow } = await service.startWorkflow();
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');
    // The callback is stored before the task logs that it waits.
    await vi.waitFor(() => {
      expect(logs.parsed().map((line) => line['message'])).toContain('workflow booked and waiting');
    });
    const workflowLines = logs.parsed().slice(api.length);

    const before = logs.lines.length;
    const relayed = await service.relay();
    const relay = logs.parsed().slice(before);
    logs.stop();

    const ids = { deliveryId, orderId: body.orderId, executionArn: created.body['executionArn'] };
    expect(workflow.execution(deliveryId)?.executionArn, 'the execution the API names is the one that runs').toBe(ids.executionArn);
    const perEvent = relay.filter((line) => line['eventId'] !== undefined);
    for (const [tier, lines] of [['api', api], ['workflow', workflowLines], ['relay', perEvent]] as const) {
      expect(lines.length, `${tier} logged`).toBeGreaterThan(0);
      for (const line of lines) expect(line, `${tier}: ${String(line['message'])}`).toMatchObject(ids);
    }
    expect(api.find((line) => line['message'] === 'request answered')).toMatchObject({ route: 'POST /deliveries', statusCode: 201 });
    expect(relay.find((line) => line['message'] === 'relayed stream records'), 'the batch line names no delivery').not.toHaveProperty('deliveryId');

    const listed = await service.call({ method: 'GET', resource: '/deliveries/{deliveryId}/events', pathParameters: { deliveryId } });
    const events = listed.body['events'] as DomainEvent[];
    expect(relayed.entries.map((entry) => (JSON.parse(entry.Detail ?? '{}') as DomainEvent).eventId)).toEqual(events.map((event) => event.eventId));
    expect(perEvent.map((line) => line['eventId']), 'one relay line per event').toEqual(events.map((event) => event.eventId));

    const [createdEvent, ...byTheWorkflow] = events;
    if (createdEvent?.type !== 'DeliveryCreated') throw new Error('the first event is not DeliveryCreated');
    expect(perEvent.find((line) => line['eventType'] === 'DeliveryCreated')).toMatchObject({ eventId: createdEvent.eventId, causationId: createdEvent.causationId });
    const committedBy = (lines: readonly LogLine[], event: DomainEvent) =>
      lines.find((line) => line['message'] === 'decision committed' && (line['eventIds'] as string[]).includes(event.eventId));
    expect(committedBy(api, createdEvent), 'the API names the event it committed and its cause').toMatchObject({ causationId: createdEvent.causationId });
    expect(byTheWorkflow.length).toBeGreaterThan(0);
    for (const event of byTheWorkflow) expect(committedBy(workflowLines, event), event.type).toMatchObject({ causationId: event.causationId });
  });
});
