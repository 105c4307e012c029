import { DeliveryStatus, isTerminal } from './statuses.ts';

/** How far along the way to the customer each status of the partner's journey is. */
const PROGRESS: Readonly<Partial<Record<DeliveryStatus, number>>> = {
  [DeliveryStatus.AWAITING_PICKUP]: 1,
  [DeliveryStatus.IN_TRANSIT]: 2,
  [DeliveryStatus.OUT_FOR_DELIVERY]: 3,
  [DeliveryStatus.ATTEMPT_FAILED]: 3,
  [DeliveryStatus.AVAILABLE_FOR_PICKUP]: 3,
};

/** Outcomes a partner proves (a signature, a warehouse scan, a confirmation), whatever came after. */
const PROVEN_OUTCOMES: ReadonlySet<DeliveryStatus> = new Set([
  DeliveryStatus.DELIVERED,
  DeliveryStatus.RETURNED,
  DeliveryStatus.CANCELLED,
]);

/**
 * True when going from `from` to `to` moves the delivery forward: to a proven outcome, or further along
 * the partner's journey. A partner event older than the high-water mark is applied only then, so that a
 * late event never moves the status backwards but a late DELIVERED is not lost.
 */
export const movesForward = (from: DeliveryStatus, to: DeliveryStatus): boolean => {
  if (from === to || isTerminal(from)) return false;
  if (PROVEN_OUTCOMES.has(to)) return true;
  const before = PROGRESS[from];
  const after = PROGRESS[to];
  return before !== undefined && after !== undefined && after > before;
};
