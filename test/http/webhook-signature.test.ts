import { describe, expect, it } from 'vitest';
import { signatureHeader, signPayload, verifySignature } from '#shared/partner-signature.ts';

const NOW = 1_800_000_000;
const BODY = '{"eventId":"evt-1","jobId":"job-1","status":"PICKED_UP","occurredAt":"2026-11-25T10:00:00Z"}';

describe('webhook signatures (contract §4)', () => {
  it('accepts a signature of the raw body with the partner secret', () => {
    expect(verifySignature(signatureHeader(['s3cret'], NOW, BODY), BODY, ['s3cret'], NOW)).toBeNull();
  });

  it('accepts either secret during a rotation, and a header carrying several v1 values', () => {
    expect(verifySignature(signatureHeader(['old'], NOW, BODY), BODY, ['new', 'old'], NOW)).toBeNull();
    expect(verifySignature(signatureHeader(['new', 'old'], NOW, BODY), BODY, ['new'], NOW)).toBeNull();
  });

  it('refuses a tampered body, a wrong secret and a signature over another timestamp', () => {
    const header = signatureHeader(['s3cret'], NOW, BODY);
    expect(verifySignature(header, BODY.replace('PICKED_UP', 'DELIVERED'), ['s3cret'], NOW)).toBe('MISMATCH');
    expect(verifySignature(header, BODY, ['other'], NOW)).toBe('MISMATCH');
    expect(verifySignature(`t=${NOW - 1},v1=${signPayload('s3cret', NOW, BODY)}`, BODY, ['s3cret'], NOW)).toBe('MISMATCH');
  });

  it('accepts a timestamp up to 300 s away either way, and refuses one further', () => {
    for (const offset of [-300, 300]) expect(verifySignature(signatureHeader(['s'], NOW + offset, BODY), BODY, ['s'], NOW)).toBeNull();
    for (const offset of [-301, 301]) expect(verifySignature(signatureHeader(['s'], NOW + offset, BODY), BODY, ['s'], NOW)).toBe('STALE');
  });

  it.each([
    [undefined, 'MISSING'],
    ['', 'MISSING'],
    [`v1=${'a'.repeat(64)}`, 'MALFORMED'],
    [`t=${NOW}`, 'MALFORMED'],
    [`t=${NOW},v1=xyz`, 'MALFORMED'],
    [`t=soon,v1=${'a'.repeat(64)}`, 'MALFORMED'],
    [`t=${NOW},v1=${'a'.repeat(64)}=`, 'MALFORMED'],
  ])('refuses the header %j as %s', (header, problem) => {
    expect(verifySignature(header, BODY, ['s'], NOW)).toBe(problem);
  });
});
