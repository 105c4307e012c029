import { aftership } from './aftership.ts';
import { easypost } from './easypost.ts';
import { shippo } from './shippo.ts';
import type { TrackingAggregator } from './tracking-aggregators.ts';
import type { TrackingFormat } from './tracking-update.ts';

export { TRACKING_AGGREGATORS, type TrackingAggregator } from './tracking-aggregators.ts';

/** The tracking aggregators whose webhooks the service reads, by the id their webhooks arrive under. */
export const TRACKING_FORMATS = { aftership, easypost, shippo } as const satisfies Readonly<Record<TrackingAggregator, TrackingFormat>>;
