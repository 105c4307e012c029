import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ErrorCode, ErrorDetail } from './http-error.ts';

/** A JSON response. */
export const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The error body of contract §3. */
export const errorBody = (code: ErrorCode, message: string, details: readonly ErrorDetail[] = []) => ({
  error: { code, message, details },
});
