import { describe, expect, it } from 'vitest';
import { createRequest } from '#test/support/commands.ts';
import { apiOnFreshTable } from '#test/support/api-client.ts';
import { captureLogs } from '#test/support/log-capture.ts';

describe('API logs', () => {
  it('say what happened to each request, with no personal data in any line', async () => {
    const { lines, stop } = captureLogs();
    const { call } = await apiOnFreshTable();
    const body = createRequest({
      customer: { name: 'Grace Hopper', email: 'grace@example.com', phone: '+15550000001' },
      address: { line1: '1 Cobol Way', line2: 'Attic', city: 'Arlington', postalCode: 'VA 22201', country: 'US' },
    });

    const created = await call({ method: 'POST', resource: '/deliveries', body });
    await call({ method: 'POST', resource: '/deliveries', body: { ...body, customer: { ...body.customer, email: 'not-an-email' } } });
    await call({ method: 'POST', resource: '/deliveries', body: { ...body, items: [] } });
    stop();

    const output = lines.join('');
    const answered = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['message'] === 'request answered');
    expect(answered).toMatchObject({
      deliveryId: created.body['deliveryId'],
      orderId: body.orderId,
      executionArn: created.body['executionArn'],
      route: 'POST /deliveries',
    });
    expect(output).toContain('"message":"request refused"');
    for (const personal of ['Grace', 'Hopper', 'grace@example.com', 'not-an-email', '+15550000001', 'Cobol Way', 'Attic', 'Arlington', 'VA 22201']) {
      expect(output, personal).not.toContain(personal);
    }
  });
});
