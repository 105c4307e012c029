import { aftership } from './aftership.ts';
import { easypost } from './easypost.ts';
import { shippo } from './shippo.ts';
import type { TrackingFormat } from './tracking-update.ts';

/** The tracking aggregators whose webhooks the service reads, by the id their webhooks arrive under. */
export const TRACKING_FORMATS = { aftership, easypost, shippo } as const satisfies Readonly<Record<string, TrackingFormat>>;

/** A tracking aggregator's id. */
export type TrackingAggregator = keyof typeof TRACKING_FORMATS;

/** The ids of the tracking aggregators. */
export const TRACKING_AGGREGATORS = Object.keys(TRACKING_FORMATS) as readonly TrackingAggregator[];
