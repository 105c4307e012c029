import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod/mini';
import { fieldIssues } from '#shared/field-issues.ts';
import { HttpError } from './http-error.ts';

/** Parses `value` with `schema`, or throws 400 VALIDATION_FAILED naming each offending field. */
export const validate = <S extends z.ZodMiniType>(schema: S, value: unknown, prefix = ''): z.infer<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError('VALIDATION_FAILED', 'the request is not valid', fieldIssues(result.error, prefix));
  return result.data;
};

/** The request body as JSON, or 400 when it is missing or not JSON. */
export const jsonBody = (event: APIGatewayProxyEvent): unknown => {
  if (event.body === null || event.body === '') {
    throw new HttpError('VALIDATION_FAILED', 'a JSON body is required', [{ field: 'body', message: 'missing' }]);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError('VALIDATION_FAILED', 'the body is not valid JSON', [{ field: 'body', message: 'not valid JSON' }]);
  }
};
