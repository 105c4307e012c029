/**
 * The dedupe key of a partner event, whichever way it arrives (its webhook, an aggregator's, the
 * reconciliation): the source it came from and the event's id.
 */
export const partnerEventKey = (sourceId: string, eventId: string): string => `webhook#${sourceId}#${eventId}`;
