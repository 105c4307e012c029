import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * What the bundles use in place of `@aws-sdk/credential-provider-node` (an esbuild alias in
 * `FUNCTION_BUNDLING`, `cdk/constructs/service-function.ts`); the code run from source, locally and in the
 * tests, keeps the SDK's own chain.
 *
 * The SDK's default chain tries the environment first, then SSO, shared config files, credential
 * processes, web identity tokens and the container or instance metadata endpoints. Lambda's Node.js
 * runtime always gives a function its role's credentials in `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`
 * and `AWS_SESSION_TOKEN`, and our functions set no `AWS_PROFILE`, so the chain always stops at its first
 * link there. This keeps that link, the SDK's own `fromEnv`, and drops the others, which are most of the
 * SDK in a bundle: the STS, SSO and sign-in clients and the XML and query protocols they speak.
 */

/** Credentials as the SDK's providers give them. */
type Credentials = Awaited<ReturnType<ReturnType<typeof fromEnv>>>;

/** As the SDK's: whether `credentials` expire at all. */
export const credentialsWillNeedRefresh = (credentials: Credentials): boolean => credentials.expiration !== undefined;

/** As the SDK's: whether `credentials` expire within five minutes (of the machine's clock, as the SDK reads it). */
export const credentialsTreatedAsExpired = (credentials: Credentials): boolean =>
  // eslint-disable-next-line no-restricted-syntax -- the SDK's own rule, on its clock
  credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;

/**
 * The SDK clients' default credential provider, reduced to the environment: read once and kept until they
 * are treated as expired or a refresh is forced, as the SDK's memoized chain does.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => {
  const read = fromEnv(init);
  let credentials: Credentials | undefined;
  return async (options?: { readonly forceRefresh?: boolean }): Promise<Credentials> => {
    if (credentials === undefined || options?.forceRefresh === true || credentialsTreatedAsExpired(credentials)) credentials = await read();
    return credentials;
  };
};
