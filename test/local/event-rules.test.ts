import { describe, expect, it } from 'vitest';
import { matchesPattern, rulesOfTheStack } from '../../local/event-rules.ts';

describe('the local EventBridge rules', () => {
  it('are the rules of the stack CDK deploys: OrderPaid and OrderCancelled to the order-events handler', () => {
    expect(rulesOfTheStack()).toEqual([
      { name: expect.stringContaining('OrderEvents/Rule') as string, pattern: { source: ['bookstore.orders'], 'detail-type': ['OrderPaid', 'OrderCancelled'] }, target: 'order-events' },
    ]);
  }, 30_000);

  it('match an event when every field of the pattern matches one of its values, nested fields included', () => {
    const pattern = { source: ['bookstore.orders'], 'detail-type': ['OrderPaid', 'OrderCancelled'], detail: { currency: ['EUR'] } };
    expect(matchesPattern(pattern, { source: 'bookstore.orders', 'detail-type': 'OrderPaid', detail: { currency: 'EUR' } })).toBe(true);
    expect(matchesPattern(pattern, { source: 'bookstore.orders', 'detail-type': 'OrderShipped', detail: { currency: 'EUR' } })).toBe(false);
    expect(matchesPattern(pattern, { source: 'bookstore.orders', 'detail-type': 'OrderPaid' })).toBe(false);
    expect(matchesPattern({ resources: ['r-1'] }, { resources: ['r-0', 'r-1'] })).toBe(true);
  });

  it('refuse a matcher they do not implement rather than guess', () => {
    expect(() => matchesPattern({ source: [{ prefix: 'bookstore.' }] }, { source: 'bookstore.orders' })).toThrow(/does not support the matcher/);
  });
});
