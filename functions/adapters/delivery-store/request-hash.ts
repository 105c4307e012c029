import { createHash } from 'node:crypto';

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
};

/** SHA-256 of a JSON value with its keys sorted: equal for equal bodies whatever their key order. */
export const requestHash = (value: unknown): string => createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
