import { InvalidPageTokenError } from './errors.ts';
import { keys } from './keys.ts';

/** The key of the last delivery of a `byStatus` page: where the next page starts. */
export interface StatusPageKey {
  readonly pk: string;
  readonly sk: string;
  readonly status: string;
  readonly statusSince: string;
}

/** Encodes the last key of a `byStatus` page as `nextToken` (base64url JSON; clients pass it back as is). */
export const encodePageToken = (lastKey: Record<string, unknown> | undefined): string | null =>
  lastKey === undefined ? null : Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');

const isStatusPageKey = (value: unknown, status: string): value is StatusPageKey => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const key = value as Record<string, unknown>;
  const { pk, sk, statusSince } = key;
  return (
    Object.keys(key).length === 4 &&
    key['status'] === status &&
    typeof pk === 'string' &&
    pk.startsWith(keys.delivery('').pk) &&
    sk === keys.delivery('').sk &&
    typeof statusSince === 'string' &&
    !Number.isNaN(Date.parse(statusSince))
  );
};

/**
 * Decodes a `nextToken` of a listing of `status` into its `ExclusiveStartKey`; a token this service did
 * not issue, or issued for another status, is an InvalidPageTokenError.
 */
export const decodePageToken = (token: string, status: string): StatusPageKey => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new InvalidPageTokenError({ cause });
  }
  if (!isStatusPageKey(parsed, status)) throw new InvalidPageTokenError();
  return parsed;
};
