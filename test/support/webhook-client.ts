import { EnvironmentPartnerSecrets } from '#adapters/partners/partner-secrets.ts';
import { createWebhookHandler } from '#http/webhook-app.ts';
import { signatureHeader } from '#shared/partner-signature.ts';
import { apiEvent, lambdaContext } from './api-events.ts';
import { deterministicDeps } from './deterministic-deps.ts';
import { freshRepository } from './dynamodb.ts';

/** The clock of the webhook tests: signatures are checked against it. */
export const WEBHOOK_NOW = new Date('2026-11-25T12:00:00Z');
const nowSeconds = Math.floor(WEBHOOK_NOW.getTime() / 1000);

/** How a test signs a webhook. */
export interface Signing {
  secrets?: string[];
  timestamp?: number;
  /** A header to send instead of a computed one. */
  header?: string;
  /** Sign this text but send the body (to tamper). */
  signedBody?: string;
}

/** The webhook handler over a fresh table, with `manual` (secret `dev-secret-manual`) and `sandbox` as partners. */
export const webhookOnFreshTable = async (env: NodeJS.ProcessEnv = {}) => {
  const store = await freshRepository();
  const handler = createWebhookHandler({
    repository: store.repository,
    deps: deterministicDeps(),
    secrets: new EnvironmentPartnerSecrets(['manual', 'sandbox'], env),
    clock: () => WEBHOOK_NOW,
  });
  const send = async (partnerId: string, body: unknown, signing: Signing = {}) => {
    const raw = JSON.stringify(body);
    const header = signing.header ?? signatureHeader(signing.secrets ?? [`dev-secret-${partnerId}`], signing.timestamp ?? nowSeconds, signing.signedBody ?? raw);
    const result = await handler(
      apiEvent({ method: 'POST', resource: '/webhooks/{partnerId}', pathParameters: { partnerId }, body: raw, headers: { 'X-Partner-Signature': header } }),
      lambdaContext,
    );
    return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown> };
  };
  return { ...store, send };
};
