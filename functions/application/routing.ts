import type { Delivery } from '#domain/delivery.ts';

/**
 * The partners to try for a delivery, best first: the order's preferred partner when it is one we can
 * reach, then the others in configured order. (Issue 5 brings country, postal-prefix and weight rules.)
 */
export const routeDelivery = (delivery: Delivery, partners: readonly string[]): [string, ...string[]] => {
  const preferred = delivery.request.partnerId;
  const ordered = preferred !== undefined && partners.includes(preferred) ? [preferred, ...partners.filter((p) => p !== preferred)] : [...partners];
  const [first, ...rest] = ordered;
  if (first === undefined) throw new Error('no delivery partner is configured');
  return [first, ...rest];
};
