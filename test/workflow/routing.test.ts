import { describe, expect, it } from 'vitest';
import { routeDelivery } from '#application/routing.ts';
import type { Delivery } from '#domain/delivery.ts';
import { partnerRoutesSchema } from '#schemas/partner-routes.ts';
import { create } from '#test/support/commands.ts';
import { run } from '#test/support/specification.ts';

const to = (country: string, postalCode: string, partnerId?: string): Delivery =>
  run([create({ address: { line1: '1 High St', city: 'Somewhere', postalCode, country }, ...(partnerId === undefined ? {} : { partnerId }) })]) as Delivery;

const routes = partnerRoutesSchema.parse([
  { countries: ['GB'], partners: [{ id: 'royal', weight: 1 }] },
  { countries: ['GB'], postalPrefixes: ['n1', 'E'], partners: [{ id: 'acme', weight: 3 }, { id: 'bolt' }] },
  { postalPrefixes: ['N1 9'], partners: [{ id: 'bolt' }] },
  { countries: ['FR'], partners: [{ id: 'gone' }] },
]);
const configured = ['manual', 'royal', 'acme', 'bolt'];

describe('routing a delivery to its partners', () => {
  it('without rules, tries every configured partner in order, the preferred one first', () => {
    expect(routeDelivery(to('GB', 'N1 9GU'), configured)).toEqual(configured);
    expect(routeDelivery(to('GB', 'N1 9GU', 'bolt'), configured)).toEqual(['bolt', 'manual', 'royal', 'acme']);
  });

  it('takes the rule that fits most closely: the longest postal prefix, then the one naming the country', () => {
    expect(routeDelivery(to('GB', 'N1 9GU'), configured, routes), 'N19 beats N1').toEqual(['bolt']);
    expect(routeDelivery(to('GB', 'n1 2aa'), configured, routes).sort(), 'N1, case and spaces ignored').toEqual(['acme', 'bolt']);
    expect(routeDelivery(to('GB', 'SW1A 1AA'), configured, routes), 'the country rule').toEqual(['royal']);
    expect(routeDelivery(to('DE', '10115'), configured, routes), 'no rule fits: every partner').toEqual(configured);
  });

  it('between rules with postal prefixes of one length, takes the one naming the country', () => {
    const samePrefix = partnerRoutesSchema.parse([
      { postalPrefixes: ['E1'], partners: [{ id: 'bolt' }] },
      { countries: ['GB'], postalPrefixes: ['E1'], partners: [{ id: 'royal' }] },
    ]);
    expect(routeDelivery(to('GB', 'E1 6AN'), configured, samePrefix)).toEqual(['royal']);
    expect(routeDelivery(to('IE', 'E1 6AN'), configured, samePrefix), 'the other country').toEqual(['bolt']);
  });

  it('throws when the deployment has no partner at all', () => {
    expect(() => routeDelivery(to('GB', 'N1 9GU'), [])).toThrow('no delivery partner is configured');
  });

  it('leaves out partners the deployment does not have, and rules left with none', () => {
    expect(routeDelivery(to('FR', '75001'), configured, routes)).toEqual(configured);
    expect(routeDelivery(to('GB', 'E1 6AN'), ['manual', 'bolt'], routes)).toEqual(['bolt']);
  });

  it('puts the preferred partner first only when the rule allows it', () => {
    expect(routeDelivery(to('GB', 'E1 6AN', 'bolt'), configured, routes)).toEqual(['bolt', 'acme']);
    expect(routeDelivery(to('GB', 'E1 6AN', 'royal'), configured, routes).sort()).toEqual(['acme', 'bolt']);
  });

  it('tries each partner first in proportion to its weight, and always in the same order for one delivery', () => {
    const delivery = to('GB', 'E1 6AN');
    const firsts = Array.from({ length: 4000 }, (_, i) => routeDelivery({ ...delivery, deliveryId: `dlv-${String(i)}` }, configured, routes)[0]);
    const acmeShare = firsts.filter((id) => id === 'acme').length / firsts.length;
    expect(acmeShare).toBeGreaterThan(0.72);
    expect(acmeShare).toBeLessThan(0.78);
    expect(routeDelivery(delivery, configured, routes)).toEqual(routeDelivery(delivery, configured, routes));
  });

  it('refuses rules that name a country that does not exist or give a weight of zero, naming the field', () => {
    const result = partnerRoutesSchema.safeParse([{ countries: ['UK'], partners: [{ id: 'acme', weight: 0 }] }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['0.countries.0', '0.partners.0.weight']);
  });
});
