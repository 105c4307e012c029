import type { AuthConfig } from './config.ts';

const AUTHORIZATION = 'dashboard.authorization';
const VERIFIER = 'dashboard.pkce-verifier';
const STATE = 'dashboard.pkce-state';

/** The `Authorization` header value of the signed-in operator, if any (kept for the browser tab only). */
export const storedAuthorization = (): string | null => sessionStorage.getItem(AUTHORIZATION);

/** Forgets the operator's credentials. */
export const signOut = (): void => {
  sessionStorage.removeItem(AUTHORIZATION);
};

/**
 * Ends the user pool's hosted sign-in session too, by sending the browser to its logout endpoint (which
 * comes back to the dashboard): otherwise the next "Sign in" on this browser would come back signed in as
 * the same operator without asking.
 */
export const signOutOfCognito = (auth: Extract<AuthConfig, { mode: 'cognito' }>): void => {
  signOut();
  const query = new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.redirectUri });
  location.assign(`${auth.domain}/logout?${query.toString()}`);
};

/** Signs in with the local stack's operator token. */
export const signInWithToken = (token: string): void => {
  sessionStorage.setItem(AUTHORIZATION, `Bearer ${token}`);
};

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const randomText = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** Sends the browser to the user pool's hosted sign-in (authorization code with PKCE). */
export const startCognitoSignIn = async (auth: Extract<AuthConfig, { mode: 'cognito' }>): Promise<void> => {
  const verifier = randomText();
  const state = randomText();
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: 'openid email',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${auth.domain}/oauth2/authorize?${query.toString()}`);
};

/**
 * Completes a hosted sign-in the browser has come back from: exchanges the code for tokens and keeps the
 * ID token (what the API's Cognito authorizer checks). Does nothing when the address carries no code.
 */
export const completeCognitoSignIn = async (auth: Extract<AuthConfig, { mode: 'cognito' }>): Promise<void> => {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code === null) return;
  history.replaceState(null, '', location.pathname + location.hash);
  const verifier = sessionStorage.getItem(VERIFIER);
  if (verifier === null || params.get('state') !== sessionStorage.getItem(STATE)) throw new Error('the sign-in did not start here; sign in again');
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  const response = await fetch(`${auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code, redirect_uri: auth.redirectUri, code_verifier: verifier }),
  });
  if (!response.ok) throw new Error(`the sign-in failed (HTTP ${String(response.status)})`);
  const tokens = (await response.json()) as { id_token?: unknown };
  if (typeof tokens.id_token !== 'string') throw new Error('the sign-in returned no ID token');
  sessionStorage.setItem(AUTHORIZATION, tokens.id_token);
};
