import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { stopOnSignals } from './stop-on-signals.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** Starts one DynamoDB Local for the persistence tests and stops it on every exit path. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDbLocal();
  const forget = stopOnSignals(() => dynamodb.stop());
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    forget();
    await dynamodb.stop();
  };
}
