import type { APIGatewayProxyEvent } from 'aws-lambda';
import { headerOf } from './headers.ts';
import { HttpError } from './http-error.ts';

/**
 * The operator behind a request, as the authorizer (Cognito in AWS, the bearer-token check locally)
 * put it in the request context. A request with none never reaches an operator action: 401.
 */
export const operatorOf = (event: APIGatewayProxyEvent): string => {
  const claims: unknown = event.requestContext.authorizer?.['claims'];
  const record = typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  const name = record['cognito:username'] ?? record['username'] ?? record['sub'];
  if (typeof name !== 'string' || name === '') throw new HttpError('UNAUTHORIZED', 'an authenticated operator is required');
  return name;
};

/** The idempotency key a client sent in `Idempotency-Key`, if any (headers are case-insensitive). */
export const idempotencyKeyOf = (event: APIGatewayProxyEvent): string | undefined => {
  const value = headerOf(event, 'Idempotency-Key');
  if (value === undefined) return undefined;
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(value)) {
    throw new HttpError('VALIDATION_FAILED', 'the request is not valid', [
      { field: 'Idempotency-Key', message: '1-128 characters of A-Z, a-z, 0-9, _ . : -' },
    ]);
  }
  return value;
};
