import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCircuitStore } from '#adapters/delivery-store/circuit-store.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { GuardedPartner } from './guarded-partner.ts';
import { HttpPartnerClient } from './http-partner-client.ts';
import { ManualPartner } from './manual-partner.ts';
import { PartnerDirectory } from './partner-directory.ts';
import type { PartnerClient } from './partner-gateway.ts';
import type { PartnerSecrets } from './partner-secrets.ts';
import { partnerSecretsFor } from './partner-secrets-from-env.ts';
import { partnerEnvSchema, type PartnerEnv } from './partner-settings.ts';
import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { readEnv } from '#shared/env.ts';

/** What the partner clients of a deployment are made of. */
export interface PartnerWiring {
  readonly env: Pick<PartnerEnv, 'PARTNERS' | 'PARTNER_ENDPOINTS' | 'PARTNER_TIMEOUT_MS'>;
  /** The partners' shared secrets: the current one signs our requests. */
  readonly secrets: PartnerSecrets;
  readonly breaker: CircuitBreaker;
}

/**
 * The directory of the configured partners: `manual` built in, every other one an HTTP client of its
 * booking API behind the partner's circuit breaker.
 */
export const partnerDirectoryFor = ({ env, secrets, breaker }: PartnerWiring): PartnerDirectory => {
  const clientOf = (partnerId: string): PartnerClient => {
    if (partnerId === 'manual') return new ManualPartner();
    const baseUrl = env.PARTNER_ENDPOINTS[partnerId];
    if (baseUrl === undefined) throw new Error(`partner ${partnerId} has no endpoint`);
    const signingSecret = async (): Promise<string> => {
      const [current] = (await secrets.secretsFor(partnerId)) ?? [];
      if (current === undefined) throw new Error(`partner ${partnerId} has no secret`);
      return current;
    };
    return new GuardedPartner(new HttpPartnerClient({ partnerId, baseUrl, signingSecret, timeoutMs: env.PARTNER_TIMEOUT_MS }), breaker);
  };
  return new PartnerDirectory(Object.fromEntries(env.PARTNERS.map((id) => [id, clientOf(id)])));
};

/**
 * What the functions that talk to partners (the workflow tasks, the reconciliation) start from: the
 * delivery repository, and the partners and routes the environment describes, their circuits in the
 * same table.
 */
export const partnerHandlerContext = (tableName: string) => {
  const env = readEnv(partnerEnvSchema);
  const client = createDocumentClient();
  return {
    repository: new DeliveryRepository({ client, tableName }),
    partners: partnersFromEnv(env, { client, tableName }),
    routes: env.PARTNER_ROUTES,
  };
};

/** The partner directory a deployment's environment describes, its circuits kept in the delivery table. */
export const partnersFromEnv = (env: PartnerEnv, store: { readonly client: DynamoDBDocumentClient; readonly tableName: string }): PartnerDirectory =>
  partnerDirectoryFor({
    env,
    secrets: partnerSecretsFor(env),
    breaker: new CircuitBreaker(new DynamoDbCircuitStore(store), { failureThreshold: env.CIRCUIT_FAILURE_THRESHOLD, openSeconds: env.CIRCUIT_OPEN_SECONDS }),
  });
