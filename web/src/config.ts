/** How operators sign in: with the local stack's operator token, or through the Cognito user pool's hosted sign-in. */
export type AuthConfig =
  | { readonly mode: 'token' }
  | { readonly mode: 'cognito'; readonly domain: string; readonly clientId: string; readonly redirectUri: string };

/** The dashboard's settings, served beside it as `config.json`. */
export interface DashboardConfig {
  /** Prefix of the API's paths: empty when the API is served from the dashboard's own origin. */
  readonly apiBase: string;
  readonly auth: AuthConfig;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const authOf = (value: unknown): AuthConfig => {
  if (isRecord(value) && value['mode'] === 'token') return { mode: 'token' };
  if (isRecord(value) && value['mode'] === 'cognito') {
    const { domain, clientId, redirectUri } = value;
    if (typeof domain === 'string' && typeof clientId === 'string' && typeof redirectUri === 'string') return { mode: 'cognito', domain, clientId, redirectUri };
  }
  throw new Error('config.json: auth must be {"mode":"token"} or {"mode":"cognito","domain","clientId","redirectUri"}');
};

/** Reads `config.json`; a malformed one is an error, not a default. */
export const loadConfig = async (): Promise<DashboardConfig> => {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${String(response.status)}`);
  const body: unknown = await response.json();
  if (!isRecord(body) || typeof body['apiBase'] !== 'string') throw new Error('config.json: apiBase must be a string');
  return { apiBase: body['apiBase'], auth: authOf(body['auth']) };
};
