import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamodb-client.ts';
import { createDeliveryTable } from '#adapters/delivery-store/create-table.ts';
import { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { StoredItem } from '#adapters/delivery-store/items.ts';
import { keys } from '#adapters/delivery-store/keys.ts';
import { DEFAULT_DELIVERY_TABLE_NAME } from '#adapters/delivery-store/table-definition.ts';
import { timersFromEnv } from '#application/timers-from-env.ts';
import { timersEnvSchema } from '#shared/env.ts';
import { StackClient } from '#test/e2e/support/client.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { streamArnOf } from '../../local/dynamodb-stream-reader.ts';
import { freePort } from '../../local/free-port.ts';
import { startLocalServices } from '../../local/local-services.ts';
import { trackConsumedCapacity } from './consumed-capacity.ts';
import type { Counters } from './counters.ts';
import { captureServiceLogs } from './service-logs.ts';
import { startStreamLedger } from './stream-ledger.ts';
import { wallClock } from '../../local/local-clock.ts';

const OPERATOR_TOKEN = 'bench-operator-token';

/** The local stack with its meters, and ways to look at it that the meters do not count. */
export interface InstrumentedStack {
  /** The stack from outside: HTTP API, signed webhooks, the SFN API, the bus. */
  readonly stack: StackClient;
  /** Reads of the table that bypass the metered clients. */
  readonly observer: DeliveryRepository;
  /** The delivery item as stored (with the workflow's callback token), read bypassing the metered clients. */
  readonly deliveryItem: (deliveryId: string) => Promise<StoredItem | undefined>;
  /** What the metered clients sent and DynamoDB reported. */
  readonly capacity: Counters;
  /** The table's stream, as Lambda's event source mappings would deliver it. */
  readonly stream: Counters;
  /** The handlers' log output. */
  readonly logs: Counters;
  stop(): Promise<void>;
}

/** Runs `stopOne` in reverse order of registration, every one even if an earlier one fails. */
const stopAll = async (stops: (() => Promise<void> | void)[]): Promise<void> => {
  const errors: unknown[] = [];
  for (const stopOne of stops.splice(0).reverse()) {
    try {
      await stopOne();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'stopping the benchmark stack failed');
};

/** Environment the outbox relay process is started with: its INFO lines would go to our stdout. */
const quietRelayEnv = (): (() => void) => {
  const saved = { level: process.env['POWERTOOLS_LOG_LEVEL'], metrics: process.env['POWERTOOLS_METRICS_DISABLED'] };
  process.env['POWERTOOLS_LOG_LEVEL'] = 'WARN';
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
  return () => {
    for (const [name, value] of [['POWERTOOLS_LOG_LEVEL', saved.level], ['POWERTOOLS_METRICS_DISABLED', saved.metrics]] as const) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  };
};

/**
 * The local stack in this process (`startLocalServices`, as `npm start` runs it, on DynamoDB Local and
 * spare ports, with the `manual` partner), its DynamoDB clients metered by {@link trackConsumedCapacity},
 * its table's stream read by a ledger, and its handlers' log lines counted. Everything started is stopped
 * again by `stop()`, and if starting fails part way.
 */
export const startInstrumentedStack = async (): Promise<InstrumentedStack> => {
  const stops: (() => Promise<void> | void)[] = [];
  try {
    const dynamodb = await startDynamoDbLocal();
    stops.push(() => dynamodb.stop());
    const config = { endpoint: dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
    const tableName = DEFAULT_DELIVERY_TABLE_NAME;
    const plain = new DynamoDBClient(config);
    stops.push(() => {
      plain.destroy();
    });
    await createDeliveryTable(plain, tableName);
    const metered = { dynamodb: new DynamoDBClient(config), documents: createDocumentClient(config) };
    const observer = createDocumentClient(config);
    stops.push(() => {
      for (const client of [metered.dynamodb, metered.documents, observer]) client.destroy();
    });
    const capacity = trackConsumedCapacity([metered.dynamodb, metered.documents]);
    const ledger = startStreamLedger(new DynamoDBStreamsClient(config), await streamArnOf(plain, tableName), (error) => {
      console.error('benchmark stream ledger: reading the stream failed; trying again', error);
    });
    stops.push(() => ledger.stop());
    const logs = captureServiceLogs();
    stops.push(() => {
      logs.restore();
    });
    stops.push(quietRelayEnv());
    const services = await startLocalServices({
      ...metered,
      dynamodbEndpoint: dynamodb.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      tableName,
      apiPort: await freePort(),
      awsPort: await freePort(),
      busName: 'bookstore-delivery',
      operatorToken: OPERATOR_TOKEN,
      partners: ['manual'],
      sandboxStepMs: 2000,
      timers: timersFromEnv(timersEnvSchema.parse({})),
      // The reconciliation is a scheduled job whose cost does not follow deliveries: it does not run here.
      reconciliation: { intervalSeconds: 86_400, quietSeconds: 21_600 },
      clock: wallClock,
      env: process.env,
    });
    stops.push(() => services.stop());
    const stack = new StackClient({ apiUrl: services.apiUrl, awsUrl: services.awsUrl, dynamodbUrl: dynamodb.endpoint, operatorToken: OPERATOR_TOKEN });
    return {
      stack,
      observer: new DeliveryRepository({ client: observer, tableName }),
      deliveryItem: async (deliveryId) => (await observer.send(new GetCommand({ TableName: tableName, Key: keys.delivery(deliveryId), ConsistentRead: true }))).Item,
      capacity,
      stream: ledger.counters,
      logs: logs.counters,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops).catch(() => undefined);
    throw error;
  }
};
