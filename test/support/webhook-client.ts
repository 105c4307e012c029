import { EnvironmentPartnerSecrets } from '#adapters/partners/partner-secrets.ts';
import { createWebhookHandler } from '#http/webhook-app.ts';
import type { WebhookContext } from '#http/webhook-context.ts';
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

/**
 * The webhook handler over a fresh table, with `manual` (secret `dev-secret-manual`) and `sandbox` as
 * partners, and the tracking aggregators of `options` (secret `dev-secret-<id>`).
 */
export const webhookOnFreshTable = async (env: NodeJS.ProcessEnv = {}, options: Pick<WebhookContext, 'aggregators' | 'acceptTestMode'> = {}) => {
  const store = await freshRepository();
  const handler = createWebhookHandler({
    repository: store.repository,
    deps: deterministicDeps(),
    secrets: new EnvironmentPartnerSecrets(['manual', 'sandbox', ...(options.aggregators ?? [])], env),
    clock: () => WEBHOOK_NOW,
    ...options,
  });
  /** A webhook of `sourceId` with this raw body and these headers. */
  const sendRaw = async (sourceId: string, raw: string, headers: Record<string, string>) => {
    const result = await handler(apiEvent({ method: 'POST', resource: '/webhooks/{partnerId}', pathParameters: { partnerId: sourceId }, body: raw, headers }), lambdaContext);
    return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown> };
  };
  const send = async (partnerId: string, body: unknown, signing: Signing = {}) => {
    const raw = JSON.stringify(body);
    const header = signing.header ?? signatureHeader(signing.secrets ?? [`dev-secret-${partnerId}`], signing.timestamp ?? nowSeconds, signing.signedBody ?? raw);
    return sendRaw(partnerId, raw, { 'X-Partner-Signature': header });
  };
  return { ...store, send, sendRaw, nowSeconds };
};
