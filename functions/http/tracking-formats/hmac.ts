import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureProblem } from '#shared/partner-signature.ts';

/**
 * Checks a signature that is `prefix` + HMAC-SHA256(secret, raw body) in `encoding`, against each
 * secret (two during a rotation), in constant time.
 */
export const verifyBodyHmac = (
  signature: string | undefined,
  rawBody: string,
  secrets: readonly string[],
  options: { readonly encoding: 'base64' | 'hex'; readonly prefix?: string; readonly normaliseKey?: (secret: string) => string },
): SignatureProblem | null => {
  if (signature === undefined || signature === '') return 'MISSING';
  const prefix = options.prefix ?? '';
  if (!signature.startsWith(prefix)) return 'MALFORMED';
  const given = Buffer.from(signature.slice(prefix.length), options.encoding);
  const matches = secrets.some((secret) => {
    const wanted = createHmac('sha256', options.normaliseKey?.(secret) ?? secret).update(rawBody, 'utf8').digest();
    return wanted.length === given.length && timingSafeEqual(wanted, given);
  });
  return matches ? null : 'MISMATCH';
};
