import type { FieldIssue } from '#shared/field-issues.ts';

/** The error codes of contract §3, with their HTTP status. */
export const ErrorCode = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  TRANSITION_NOT_ALLOWED: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
} as const;

/** An error code. */
export type ErrorCode = keyof typeof ErrorCode;

/** One offending field of a request. */
export type ErrorDetail = FieldIssue;

/** An error the API answers as `{"error": {code, message, details}}` with the code's status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.status = ErrorCode[code];
  }
}
