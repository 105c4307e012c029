import type { PartnerOutcome } from '#domain/decision.ts';

/** What a committed command or webhook did, kept (until `expiresAt`) to answer its repeats. */
export interface IdempotencyMarker {
  readonly key: string;
  readonly deliveryId: string;
  /** The delivery's version after the commit. */
  readonly version: number;
  readonly outcome: PartnerOutcome;
  /** A hash of the request the key was first used for, when the caller gave one: a repeat with another request is not a repeat. */
  readonly requestHash?: string;
  readonly createdAt: string;
  /** Epoch seconds; DynamoDB's TTL deletes the marker some time after. */
  readonly expiresAt: number;
}

/** How long repeats are recognised: partners retry for days; a week covers every documented retry policy. */
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

/** Whole seconds since the epoch, the unit of DynamoDB TTL. */
export const epochSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** A marker answers repeats until the second it expires; from then on its key is free again. */
export const isLive = (marker: Pick<IdempotencyMarker, 'expiresAt'>, now: Date): boolean => marker.expiresAt > epochSeconds(now);
