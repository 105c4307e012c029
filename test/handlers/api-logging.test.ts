import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '#shared/logger.ts';
import { createRequest } from '#test/support/commands.ts';
import { apiOnFreshTable } from '#test/support/api-client.ts';

afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

describe('API logs', () => {
  it('say what happened to each request, with no personal data in any line', async () => {
    logger.setLogLevel('INFO');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(chunk.toString());
      return true;
    });
    const { call } = await apiOnFreshTable();
    const body = createRequest({
      customer: { name: 'Grace Hopper', email: 'grace@example.com', phone: '+15550000001' },
      address: { line1: '1 Cobol Way', line2: 'Attic', city: 'Arlington', postalCode: 'VA 22201', country: 'US' },
    });

    const created = await call({ method: 'POST', resource: '/deliveries', body });
    await call({ method: 'POST', resource: '/deliveries', body: { ...body, customer: { ...body.customer, email: 'not-an-email' } } });
    await call({ method: 'POST', resource: '/deliveries', body: { ...body, items: [] } });
    vi.restoreAllMocks();

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
