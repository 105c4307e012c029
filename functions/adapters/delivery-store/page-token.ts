import { InvalidPageTokenError } from './errors.ts';

/** Encodes DynamoDB's `LastEvaluatedKey` as an opaque `nextToken`. */
export const encodePageToken = (lastKey: Record<string, unknown> | undefined): string | null =>
  lastKey === undefined ? null : Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');

/** Decodes a `nextToken` into an `ExclusiveStartKey` with exactly `fields`, all strings; else InvalidPageTokenError. */
export const decodePageToken = (token: string, fields: readonly string[]): Record<string, string> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new InvalidPageTokenError({ cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidPageTokenError();
  const entries = Object.entries(parsed);
  const valid =
    entries.length === fields.length && entries.every(([key, value]) => fields.includes(key) && typeof value === 'string');
  if (!valid) throw new InvalidPageTokenError();
  return Object.fromEntries(entries);
};
