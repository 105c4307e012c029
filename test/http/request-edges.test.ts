import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { headerOf } from '#http/headers.ts';
import { HttpError } from '#http/http-error.ts';
import { idempotencyKeyOf } from '#http/identity.ts';
import { bodyLimit, errorResponses } from '#http/middlewares.ts';
import { rawBodyOf } from '#http/receive-webhook.ts';
import { verifyBodyHmac } from '#http/tracking-formats/hmac.ts';
import { jsonBody, validate } from '#http/validation.ts';
import { signatureHeader, verifySignature } from '#shared/partner-signature.ts';
import { apiEvent } from '#test/support/api-events.ts';

type HttpRequest = Request<APIGatewayProxyEvent, APIGatewayProxyResult>;

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** The event API Gateway sends when a client posts `body` with a binary media type: base64, flagged so. */
const base64Event = (body: string): APIGatewayProxyEvent => ({ ...apiEvent({ method: 'POST', resource: '/x' }), body: base64(body), isBase64Encoded: true });

/** Runs one phase of a middleware on a request for `event`, as middy does, and returns the request. */
const runPhase = (middleware: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>, phase: 'before' | 'onError', event: APIGatewayProxyEvent, error: unknown = null): HttpRequest => {
  const request = { event, context: {} as Context, response: undefined, error, internal: {} } as unknown as HttpRequest;
  void middleware[phase]?.(request);
  return request;
};

const refusal = (act: () => unknown): HttpError => {
  try {
    act();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
};

describe('request headers', () => {
  it('reads a header whatever its case, and none from the null headers of API Gateway console tests', () => {
    const event = apiEvent({ method: 'GET', resource: '/x', headers: { 'X-Partner-Signature': 'sig' } });
    expect(headerOf(event, 'x-partner-signature')).toBe('sig');
    expect(headerOf({ ...event, headers: null } as unknown as APIGatewayProxyEvent, 'x-partner-signature')).toBeUndefined();
  });

  it('takes an Idempotency-Key of 1-128 allowed characters and refuses any other with 400 naming the header', () => {
    const withKey = (key: string) => apiEvent({ method: 'POST', resource: '/x', headers: { 'idempotency-key': key } });
    expect(idempotencyKeyOf(withKey('order-42:retry.1'))).toBe('order-42:retry.1');
    expect(idempotencyKeyOf(apiEvent({ method: 'POST', resource: '/x' }))).toBeUndefined();
    for (const key of ['has space', 'k'.repeat(129), 'é']) {
      const error = refusal(() => idempotencyKeyOf(withKey(key)));
      expect(error.status).toBe(400);
      expect(error.details.map((detail) => detail.field)).toEqual(['Idempotency-Key']);
    }
  });
});

describe('request bodies', () => {
  it('reads a base64-encoded JSON body and the raw text of a base64-encoded webhook', () => {
    const text = '{"orderId":"ord-ü"}';
    expect(jsonBody(base64Event(text))).toEqual({ orderId: 'ord-ü' });
    expect(rawBodyOf(base64Event(text))).toBe(text);
    expect(rawBodyOf(apiEvent({ method: 'POST', resource: '/x' }))).toBe('');
  });

  it('measures a base64-encoded body by its decoded bytes against the limit', () => {
    const limit = bodyLimit(3);
    expect(() => runPhase(limit, 'before', base64Event('abc')), '"abc" is 3 bytes, although its base64 is 4 characters').not.toThrow();
    expect(() => runPhase(limit, 'before', base64Event('abcd'))).toThrow(HttpError);
  });

  it('names a top-level problem after the prefix, or "body" without one', () => {
    const schema = z.object({ status: z.string() });
    expect(refusal(() => validate(schema, 'not an object')).details).toEqual([{ field: 'body', message: expect.any(String) as string }]);
    expect(refusal(() => validate(schema, 'not an object', 'query')).details).toEqual([{ field: 'query', message: expect.any(String) as string }]);
    expect(refusal(() => validate(schema, {}, 'query')).details.map((detail) => detail.field)).toEqual(['query.status']);
  });
});

describe('error responses', () => {
  it('answers something thrown that is not an Error as 500 INTERNAL, without what it said', () => {
    const request = runPhase(errorResponses(), 'onError', apiEvent({ method: 'GET', resource: '/x' }), 'secret detail');
    expect(request.response?.statusCode).toBe(500);
    expect(JSON.parse(request.response?.body ?? '{}')).toEqual({ error: { code: 'INTERNAL', message: 'the request failed; it has been logged', details: [] } });
  });
});

describe('signature headers', () => {
  const NOW = 1_800_000_000;
  const BODY = '{"eventId":"evt-1"}';

  it('ignores keys other than t and v1 in X-Partner-Signature, as a scheme version to come', () => {
    expect(verifySignature(`${signatureHeader(['s'], NOW, BODY)},v0=legacy`, BODY, ['s'], NOW)).toBeNull();
  });

  it('refuses a missing body HMAC and one without the expected prefix before comparing anything', () => {
    const options = { encoding: 'hex', prefix: 'sha256=' } as const;
    expect(verifyBodyHmac(undefined, BODY, ['s'], options)).toBe('MISSING');
    expect(verifyBodyHmac('', BODY, ['s'], options)).toBe('MISSING');
    expect(verifyBodyHmac(`sha1=${'a'.repeat(64)}`, BODY, ['s'], options)).toBe('MALFORMED');
    expect(verifyBodyHmac(`sha256=${'a'.repeat(64)}`, BODY, ['s'], options)).toBe('MISMATCH');
  });
});
