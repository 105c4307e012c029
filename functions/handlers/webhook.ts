import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { EnvironmentPartnerSecrets } from '#adapters/partners/partner-secrets.ts';
import { SecretsManagerPartnerSecrets } from '#adapters/partners/secrets-manager-partner-secrets.ts';
import { systemDeps } from '#application/system-deps.ts';
import { createWebhookHandler } from '#http/webhook-app.ts';
import { readEnv, webhookEnvSchema } from '#shared/env.ts';

const env = readEnv(webhookEnvSchema);
const secrets =
  env.PARTNER_SECRETS === 'environment'
    ? new EnvironmentPartnerSecrets(env.PARTNERS)
    : new SecretsManagerPartnerSecrets(env.PARTNERS, env.PARTNER_SECRET_PREFIX);

/** Partner status webhooks (contract §4), HMAC-checked. */
export const handler = createWebhookHandler({
  repository: new DeliveryRepository({ client: createDocumentClient(), tableName: env.DELIVERY_TABLE_NAME }),
  deps: systemDeps,
  secrets,
  clock: () => new Date(),
});
