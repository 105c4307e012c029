import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a webhook's timestamp may be from now, either way (contract §4). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Why a signature was refused (for logs and metrics; the partner only sees 401). */
export type SignatureProblem = 'MISSING' | 'MALFORMED' | 'STALE' | 'MISMATCH';

/** A parsed `X-Partner-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]` header. */
interface SignatureHeader {
  readonly timestamp: number;
  readonly signatures: readonly string[];
}

const parseHeader = (header: string): SignatureHeader | null => {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (value === undefined || rest.length > 0) return null;
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
    else if (key === 't' || key === 'v1') return null;
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
};

/** HMAC-SHA256 of `"<t>.<raw body>"` with `secret`, in hex. */
export const signPayload = (secret: string, timestamp: number, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');

/** The header a partner sends for `rawBody` signed with each of `secrets` at `timestamp`. */
export const signatureHeader = (secrets: readonly string[], timestamp: number, rawBody: string): string =>
  [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, rawBody)}`)].join(',');

const sameHex = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Checks a webhook signature over the raw body: one of the header's `v1` values must match one of the
 * partner's valid secrets (two during a rotation), compared in constant time, and `t` must be within
 * {@link SIGNATURE_TOLERANCE_SECONDS} of `nowSeconds`. Returns the problem, or null when it is valid.
 */
export const verifySignature = (
  header: string | undefined,
  rawBody: string,
  secrets: readonly string[],
  nowSeconds: number,
): SignatureProblem | null => {
  if (header === undefined || header === '') return 'MISSING';
  const parsed = parseHeader(header);
  if (parsed === null) return 'MALFORMED';
  if (Math.abs(nowSeconds - parsed.timestamp) > SIGNATURE_TOLERANCE_SECONDS) return 'STALE';
  const expected = secrets.map((secret) => signPayload(secret, parsed.timestamp, rawBody));
  const matches = parsed.signatures.some((given) => expected.some((wanted) => sameHex(given, wanted)));
  return matches ? null : 'MISMATCH';
};
