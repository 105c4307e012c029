import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { SignatureProblem } from '#shared/partner-signature.ts';

/** A status of an aggregator's vocabulary as ours: the partner status, and for exceptions the hold reason. */
export interface MappedStatus {
  readonly status: string;
  readonly reason?: string;
  readonly actionRequired?: boolean;
}

/** One scan of a shipment, in our partner vocabulary. */
export interface TrackingScan {
  /** Stable across every payload that repeats the scan, so that a repeat is a duplicate. */
  readonly eventId: string;
  readonly occurredAt: string;
  /** Our partner status; the provider's own code (`<provider>:<code>`) when the mapping table has none. */
  readonly status: string;
  readonly reason?: string | null;
  readonly actionRequired?: boolean;
  /** The provider's own codes and message, kept on the timeline. */
  readonly details: Readonly<Record<string, string | null>>;
}

/** What a tracking webhook says about one shipment: its scans, oldest first. */
export interface TrackingUpdate {
  readonly trackingNumber: string;
  /** Whether the provider sent it in test mode. */
  readonly testMode: boolean;
  /** The path of the field that says so, for the refusal. */
  readonly testModeField: string | null;
  readonly scans: readonly TrackingScan[];
}

/** A tracking aggregator's webhook: how it is signed and what it says. */
export interface TrackingFormat {
  /** The header that carries the signature. */
  readonly signatureHeader: string;
  /** Why the signature is refused, or null when one of `secrets` made it. */
  verify(signature: string | undefined, rawBody: string, secrets: readonly string[], nowSeconds: number): SignatureProblem | null;
  /** The update the body holds; throws a zod error naming the field when it holds none. */
  parse(body: unknown): TrackingUpdate;
}

/** An event id made from what identifies a scan, for providers that give scans none. */
export const scanId = (provider: string, ...parts: readonly (string | null | undefined)[]): string =>
  `${provider}:${createHash('sha256').update(parts.map((part) => part ?? '').join('\u0000')).digest('hex').slice(0, 32)}`;

const withOffset = (time: string): string => (/[zZ]|[+-]\d{2}:?\d{2}$/.test(time) ? time : `${time}Z`);

/** A provider's date-time, ISO 8601 with or without an offset (one without is read as UTC), checked at the edge. */
export const providerTime = z.string().check(z.refine((time) => /^\d{4}-\d{2}-\d{2}T/.test(time) && !Number.isNaN(Date.parse(withOffset(time))), 'an ISO 8601 date-time'));

/** A provider time (checked by {@link providerTime}) as ISO 8601 UTC. */
export const utc = (time: string): string => new Date(withOffset(time)).toISOString();

/** Scans in the order they happened. */
export const byTime = (scans: readonly TrackingScan[]): TrackingScan[] => [...scans].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
