import type { Context } from 'aws-lambda';

/** The parts of a Lambda invocation's context the service's handlers read (Powertools logs them). */
export const lambdaContext = (functionName: string, requestId: string, remainingMs = 29_000): Context =>
  ({ functionName, awsRequestId: requestId, getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;
