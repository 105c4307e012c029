import type { DecideDeps } from '#domain/decision.ts';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { PartnerSecrets } from '#adapters/partners/partner-secrets.ts';

/** What the webhook receiver works with. */
export interface WebhookContext {
  readonly repository: DeliveryRepository;
  readonly deps: DecideDeps;
  readonly secrets: PartnerSecrets;
  /** Now, for the signature's time window. */
  readonly clock: () => Date;
}
