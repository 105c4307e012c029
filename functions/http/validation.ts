import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import { HttpError, type ErrorDetail } from './http-error.ts';

/** Each zod issue as the field it is about (unknown keys named one by one). */
export const issueDetails = (error: z.ZodError, prefix = ''): ErrorDetail[] =>
  error.issues.flatMap((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: at === '' ? key : `${at}.${key}`, message: 'unknown field' }));
    }
    return [{ field: at === '' ? (prefix === '' ? 'body' : prefix) : at, message: issue.message }];
  });

/** Parses `value` with `schema`, or throws 400 VALIDATION_FAILED naming each offending field. */
export const validate = <S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError('VALIDATION_FAILED', 'the request is not valid', issueDetails(result.error, prefix));
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
