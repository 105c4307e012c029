/**
 * The ids of the tracking aggregators whose webhooks the service reads, apart from their formats
 * (`tracking-formats.ts`), so that what only checks an id (the environment) does not load the formats.
 */
export const TRACKING_AGGREGATORS = ['aftership', 'easypost', 'shippo'] as const;

/** A tracking aggregator's id. */
export type TrackingAggregator = (typeof TRACKING_AGGREGATORS)[number];
