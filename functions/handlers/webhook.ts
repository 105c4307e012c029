import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { partnerSecretsFor } from '#adapters/partners/partner-secrets-from-env.ts';
import { systemDeps } from '#application/system-deps.ts';
import { createWebhookHandler } from '#http/webhook-app.ts';
import { readEnv, webhookEnvSchema } from '#shared/env.ts';

const env = readEnv(webhookEnvSchema());
const secrets = partnerSecretsFor({ ...env, PARTNERS: [...env.PARTNERS, ...env.TRACKING_AGGREGATORS] });

/** Partner status webhooks (contract §4), HMAC-checked. */
export const handler = createWebhookHandler({
  repository: new DeliveryRepository({ client: createDocumentClient(), tableName: env.DELIVERY_TABLE_NAME }),
  deps: systemDeps,
  secrets,
  clock: () => new Date(),
  aggregators: env.TRACKING_AGGREGATORS,
  acceptTestMode: env.PARTNER_TEST_MODE === 'accept',
});
