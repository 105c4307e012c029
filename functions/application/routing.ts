import { createHash } from 'node:crypto';
import type { Delivery } from '#domain/delivery.ts';
import type { PartnerRoute } from '#schemas/partner-routes.ts';

const normalisedPostalCode = (postalCode: string): string => postalCode.replaceAll(' ', '').toUpperCase();

/** How closely a rule fits a delivery (longer postal prefix, then a named country); null when it does not. */
const fit = (route: PartnerRoute, country: string, postalCode: string): [number, number] | null => {
  if (route.countries !== undefined && !route.countries.includes(country)) return null;
  const prefixes = route.postalPrefixes ?? [''];
  const longest = Math.max(...prefixes.filter((prefix) => postalCode.startsWith(prefix)).map((prefix) => prefix.length));
  return Number.isFinite(longest) ? [longest, route.countries === undefined ? 0 : 1] : null;
};

/** A number in (0, 1) fixed by the delivery and the partner, so that a delivery's order never changes. */
const draw = (deliveryId: string, partnerId: string): number => {
  const bits = createHash('sha256').update(`${deliveryId}:${partnerId}`).digest().readUIntBE(0, 6);
  return (bits + 1) / (2 ** 48 + 1);
};

/** The partners in a random order where each comes first with a chance proportional to its weight (Efraimidis–Spirakis). */
const weightedOrder = (deliveryId: string, partners: PartnerRoute['partners']): string[] =>
  partners
    .map((partner) => ({ id: partner.id, key: Math.log(draw(deliveryId, partner.id)) / partner.weight }))
    .sort((a, b) => b.key - a.key)
    .map((partner) => partner.id);

/**
 * The partners to try for a delivery, best first. The rule that fits the address most closely (the
 * longest matching postal prefix, then one naming the country) picks its partners in a weighted order
 * drawn from the delivery id; without a fitting rule, every configured partner in configured order. The
 * order's preferred partner goes first when it is one of them. Partners the deployment does not have are
 * left out; a delivery no partner serves throws.
 */
export const routeDelivery = (delivery: Delivery, configured: readonly string[], routes: readonly PartnerRoute[] = []): [string, ...string[]] => {
  const { country, postalCode } = delivery.request.address;
  const fitting = routes
    .map((route) => ({ route, fit: fit(route, country, normalisedPostalCode(postalCode)) }))
    .filter((candidate): candidate is { route: PartnerRoute; fit: [number, number] } => candidate.fit !== null && candidate.route.partners.some((p) => configured.includes(p.id)))
    .sort((a, b) => b.fit[0] - a.fit[0] || b.fit[1] - a.fit[1]);
  const best = fitting[0]?.route;
  const eligible = best === undefined ? [...configured] : weightedOrder(delivery.deliveryId, best.partners.filter((p) => configured.includes(p.id)));
  const preferred = delivery.request.partnerId;
  const ordered = preferred !== undefined && eligible.includes(preferred) ? [preferred, ...eligible.filter((id) => id !== preferred)] : eligible;
  const [first, ...rest] = ordered;
  if (first === undefined) throw new Error('no delivery partner is configured');
  return [first, ...rest];
};
