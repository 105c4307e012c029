import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { credentialsWillNeedRefresh, defaultProvider } from '#shared/lambda-credentials.ts';

/** The credentials Lambda's runtime puts in the environment, with an optional expiry. */
const stubCredentials = (keyId: string, expiration?: string): void => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', keyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', `secret-of-${keyId}`);
  vi.stubEnv('AWS_SESSION_TOKEN', `token-of-${keyId}`);
  vi.stubEnv('AWS_CREDENTIAL_EXPIRATION', expiration);
};

beforeEach(() => vi.unstubAllEnvs());
afterEach(() => vi.unstubAllEnvs());

describe('the bundles’ credential provider, reduced to the environment', () => {
  it('reads the environment once and keeps what it read until a refresh is forced', async () => {
    stubCredentials('AKIA-FIRST');
    const provide = defaultProvider();
    expect(await provide()).toMatchObject({ accessKeyId: 'AKIA-FIRST', secretAccessKey: 'secret-of-AKIA-FIRST', sessionToken: 'token-of-AKIA-FIRST' });
    stubCredentials('AKIA-SECOND');
    expect((await provide()).accessKeyId, 'kept').toBe('AKIA-FIRST');
    expect((await provide({ forceRefresh: true })).accessKeyId).toBe('AKIA-SECOND');
  });

  it('reads again on every call once the credentials it holds expire within five minutes, and not before', async () => {
    stubCredentials('AKIA-EXPIRED', '2000-01-01T00:00:00Z');
    const expired = defaultProvider();
    const first = await expired();
    expect(credentialsWillNeedRefresh(first)).toBe(true);
    stubCredentials('AKIA-RENEWED', '2000-01-01T00:00:00Z');
    expect((await expired()).accessKeyId).toBe('AKIA-RENEWED');

    stubCredentials('AKIA-LASTING', '2999-01-01T00:00:00Z');
    const lasting = defaultProvider();
    await lasting();
    stubCredentials('AKIA-OTHER', '2999-01-01T00:00:00Z');
    expect((await lasting()).accessKeyId).toBe('AKIA-LASTING');
  });

  it('tells credentials without an expiry from those that will need a refresh', async () => {
    stubCredentials('AKIA-STATIC');
    expect(credentialsWillNeedRefresh(await defaultProvider()())).toBe(false);
  });
});
