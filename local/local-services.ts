import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import { partnerDirectoryFor } from '#adapters/partners/known-partners.ts';
import { EnvironmentPartnerSecrets } from '#adapters/partners/partner-secrets.ts';
import { systemDeps } from '#application/system-deps.ts';
import type { Timers } from '#application/wait-plan.ts';
import { createApiHandler } from '#http/api-app.ts';
import { createWebhookHandler } from '#http/webhook-app.ts';
import { startApiGateway } from './api-gateway.ts';
import { LOCAL_STATE_MACHINE_ARN } from './local-workflow.ts';
import { startWorkflowRuntime } from './workflow-runtime.ts';

/** What {@link startLocalServices} runs over and serves on. */
export interface LocalServicesOptions {
  /** Clients of the DynamoDB that holds the table (DynamoDB Local). */
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  /** The endpoint of that DynamoDB, whose streams API the notifier reads. */
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly tableName: string;
  /** The port of the HTTP API. */
  readonly apiPort: number;
  readonly operatorToken: string;
  readonly partners: readonly string[];
  readonly timers: Timers;
  /** Where partner webhook secrets come from (`PARTNER_SECRET_<ID>`, default `dev-secret-<id>`). */
  readonly env: NodeJS.ProcessEnv;
}

/** The service running locally. */
export interface LocalServices {
  readonly apiUrl: string;
  stop(): Promise<void>;
}

/**
 * The service's moving parts on one machine, with the code CDK deploys: the workflow (the ASL on the
 * local engine, its tasks, the stream notifier) and the HTTP API (the API and webhook handlers behind a
 * local API Gateway).
 */
export const startLocalServices = async (options: LocalServicesOptions): Promise<LocalServices> => {
  const repository = new DeliveryRepository({ client: options.documents, tableName: options.tableName });
  const runtime = await startWorkflowRuntime({
    repository,
    dynamodb: options.dynamodb,
    tableName: options.tableName,
    streams: { endpoint: options.dynamodbEndpoint, region: options.region, credentials: options.credentials },
    partners: partnerDirectoryFor(options.partners),
    timers: options.timers,
  });
  try {
    const gateway = await startApiGateway({
      port: options.apiPort,
      operatorToken: options.operatorToken,
      handlers: {
        api: createApiHandler({ repository, deps: systemDeps, stateMachineArn: LOCAL_STATE_MACHINE_ARN, partnerIds: options.partners }),
        webhook: createWebhookHandler({
          repository,
          deps: systemDeps,
          secrets: new EnvironmentPartnerSecrets(options.partners, options.env),
          clock: () => new Date(),
        }),
      },
    });
    return {
      apiUrl: gateway.url,
      stop: async () => {
        await gateway.close();
        await runtime.stop();
      },
    };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
};
