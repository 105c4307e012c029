import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { logger } from '#shared/logger.ts';
import { createRequest } from '#test/support/commands.ts';
import { captureLogs } from '#test/support/log-capture.ts';
import { serviceOnFreshTable } from '#test/support/service-harness.ts';
import { MARKED_ADDRESS as ADDRESS, MARKED_CUSTOMER as CUSTOMER, PERSONAL_MARKERS as MARKERS } from '#test/support/personal-markers.ts';

const paid = (detail: unknown) => ({ id: randomUUID(), source: 'bookstore.orders', 'detail-type': 'OrderPaid', detail });
const cancelled = (orderId: string) => ({ id: randomUUID(), source: 'bookstore.orders', 'detail-type': 'OrderCancelled', detail: { orderId, reason: 'refunded' } });
const OPERATOR = { 'cognito:username': 'op-ada' };

describe('log lines', () => {
  it('hold no name, email, phone or address of a customer, at DEBUG, through every handler and its error paths', async () => {
    const service = await serviceOnFreshTable();
    const logs = captureLogs('DEBUG');
    // As if POWERTOOLS_LOGGER_LOG_EVENT were on: the handlers still may not log the events they get.
    vi.spyOn(logger, 'getLogEvent').mockReturnValue(true);
    const personal = { customer: CUSTOMER, address: ADDRESS };
    const notAnEmail = { ...CUSTOMER, email: 'Quillon at Zephyrine Wharf' };
    const post = (body: unknown) => ({ method: 'POST', resource: '/deliveries', body });

    const viaApi = createRequest(personal);
    const created = await service.call(post(viaApi));
    expect(created.status).toBe(201);
    const viaOrder = createRequest(personal);
    expect(await service.orderEvent(paid(viaOrder))).toBe('created');
    expect((await service.call(post({ ...createRequest(personal), customer: notAnEmail }))).status).toBe(400);
    expect((await service.call(post({ ...viaApi, address: { ...ADDRESS, line2: 'Vexmoor Annex' } }))).status).toBe(409);
    expect(await service.orderEvent(paid({ ...createRequest(personal), customer: notAnEmail }))).toBe('rejected');
    const noTable = new DeliveryRepository({ client: service.client, tableName: `missing-${randomUUID()}` });
    expect((await service.apiOn(noTable)(post(createRequest(personal)))).status).toBe(500);

    const deliveryId = String(created.body['deliveryId']);
    const { parkedIn, deliveryWhere, finished } = await service.startWorkflow();
    const jobId = (await deliveryWhere(deliveryId, 'a booking', (d) => d.status === 'AWAITING_PICKUP')).partner?.jobId;
    await parkedIn(deliveryId, 'Book a partner and wait for pickup');
    const scan = (status: string) => ({ eventId: randomUUID(), jobId, status, occurredAt: new Date().toISOString() });
    expect((await service.sendWebhook(scan('PICKED_UP'))).status).toBe(200);
    await parkedIn(deliveryId, 'Wait for the partner to deliver');
    expect((await service.sendWebhook(scan('OUT_FOR_DELIVERY'), 'not-the-secret')).status).toBe(401);
    expect((await service.sendWebhook({ ...scan('OUT_FOR_DELIVERY'), jobId: 'no-such-job' })).status).toBe(404);
    const act = (action: string) =>
      service.call({ method: 'POST', resource: '/deliveries/{deliveryId}/actions', pathParameters: { deliveryId }, body: { action, reason: 'checked with the courier' }, claims: OPERATOR });
    expect((await act('HOLD')).status).toBe(202);
    await parkedIn(deliveryId, 'Wait for pickup or an operator');
    expect((await act('RESUME')).status).toBe(202);
    await parkedIn(deliveryId, 'Wait for the partner to deliver');
    expect((await service.sendWebhook(scan('OUT_FOR_DELIVERY'))).status).toBe(200);
    expect((await service.sendWebhook(scan('DELIVERED'))).status).toBe(200);
    expect((await finished(deliveryId)).status).toBe('SUCCEEDED');
    const cancel = { method: 'POST', resource: '/deliveries/{deliveryId}/cancel', pathParameters: { deliveryId }, body: { reason: 'too late' } };
    expect((await service.call(cancel)).status).toBe(409);
    expect(await service.orderEvent(cancelled(viaOrder.orderId))).toBe('cancelled');
    expect((await service.relay()).response.batchItemFailures).toEqual([]);
    logs.stop();

    // The run went through the lines that could leak, so that the check below reads real ones.
    const messages = new Set(logs.parsed().map((line) => line['message']));
    for (const message of [
      'decision committed',
      'request answered',
      'request refused',
      'request failed',
      'order event rejected',
      'webhook signature refused',
      'workflow started',
      'workflow resumed',
      'workflow task done',
      'workflow booked and waiting',
      'workflow waiting',
      'event published',
    ]) {
      expect(messages, message).toContain(message);
    }
    const output = logs.lines.join('');
    for (const marker of MARKERS) expect(output, marker).not.toContain(marker);
  });
});
