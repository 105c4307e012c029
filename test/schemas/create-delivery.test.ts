import { describe, expect, it } from 'vitest';
import { isCountryCode } from '#schemas/country-codes.ts';
import { createDeliverySchema } from '#schemas/create-delivery.ts';
import { createRequest } from '#test/support/commands.ts';

const issuePaths = (body: unknown): string[] => {
  const result = createDeliverySchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('create body (contract §3)', () => {
  it('accepts the contract example, with and without the optional fields', () => {
    expect(issuePaths(createRequest())).toEqual([]);
    const { promisedBy: _p, partnerId: _q, ...required } = createRequest();
    const { email: _e, phone: _ph, ...name } = required.customer;
    const { line2: _l, ...address } = required.address;
    expect(issuePaths({ ...required, customer: name, address })).toEqual([]);
  });

  it.each([
    ['orderId with a space', { orderId: 'ord 1' }, 'orderId'],
    ['orderId over 64 characters', { orderId: 'o'.repeat(65) }, 'orderId'],
    ['empty orderId', { orderId: '' }, 'orderId'],
    ['no items', { items: [] }, 'items'],
    ['101 items', { items: Array.from({ length: 101 }, () => ({ sku: 's', title: 't', quantity: 1 })) }, 'items'],
    ['quantity 0', { items: [{ sku: 's', title: 't', quantity: 0 }] }, 'items.0.quantity'],
    ['quantity 1000', { items: [{ sku: 's', title: 't', quantity: 1000 }] }, 'items.0.quantity'],
    ['fractional quantity', { items: [{ sku: 's', title: 't', quantity: 1.5 }] }, 'items.0.quantity'],
    ['unknown country', { address: { line1: 'a', city: 'b', postalCode: 'c', country: 'XX' } }, 'address.country'],
    ['lower-case country', { address: { line1: 'a', city: 'b', postalCode: 'c', country: 'gb' } }, 'address.country'],
    ['bad email', { customer: { name: 'A', email: 'not-an-email' } }, 'customer.email'],
    ['bad phone', { customer: { name: 'A', phone: '01234' } }, 'customer.phone'],
    ['promisedBy not a timestamp', { promisedBy: 'tomorrow' }, 'promisedBy'],
    ['bad partnerId', { partnerId: 'Not Valid' }, 'partnerId'],
  ])('names the field for %s', (_case, change, field) => {
    expect(issuePaths({ ...createRequest(), ...change })).toEqual([field]);
  });

  it('refuses unknown fields at every level, naming them', () => {
    const body = createRequest();
    expect(createDeliverySchema.safeParse({ ...body, giftWrap: true }).error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['giftWrap'] });
    expect(issuePaths({ ...body, customer: { ...body.customer, age: 3 } })).toEqual(['customer']);
    expect(issuePaths({ ...body, items: [{ sku: 's', title: 't', quantity: 1, price: 3 }] })).toEqual(['items.0']);
  });

  it('knows assigned ISO 3166-1 alpha-2 codes only', () => {
    expect(['GB', 'DE', 'US', 'JP', 'BR'].every(isCountryCode)).toBe(true);
    expect(['XX', 'ZZ', 'UK', 'gb', 'GBR', ''].some(isCountryCode)).toBe(false);
  });
});
