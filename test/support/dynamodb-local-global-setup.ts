import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { exitOnMissingPrerequisites } from '../../local/exit-on-missing-prerequisites.ts';
import { javaProblem } from '../../local/java-prerequisite.ts';
import { stopOnSignals } from './stop-on-signals.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/**
 * Starts one DynamoDB Local for the persistence tests and stops it on every exit path. Without Java 17 the
 * run ends at once with one line saying what to install.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  exitOnMissingPrerequisites([javaProblem(process.env)]);
  const dynamodb = await startDynamoDbLocal();
  const forget = stopOnSignals(() => dynamodb.stop());
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    forget();
    await dynamodb.stop();
  };
}
