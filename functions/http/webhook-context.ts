import type { DecideDeps } from '#domain/decision.ts';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { PartnerSecrets } from '#adapters/partners/partner-secrets.ts';
import type { TrackingAggregator } from './tracking-formats/tracking-formats.ts';

/** What the webhook receiver works with. */
export interface WebhookContext {
  readonly repository: DeliveryRepository;
  readonly deps: DecideDeps;
  readonly secrets: PartnerSecrets;
  /** Now, for the signature's time window. */
  readonly clock: () => Date;
  /**
   * The tracking aggregators whose webhooks arrive under their id (`POST /webhooks/aftership`).
   * @default none
   */
  readonly aggregators?: readonly TrackingAggregator[];
  /**
   * Whether payloads an aggregator marks as test mode are taken (locally) or refused (in production).
   * @default false
   */
  readonly acceptTestMode?: boolean;
}
