import { EnvironmentPartnerSecrets, type PartnerSecrets } from './partner-secrets.ts';
import { SecretsManagerPartnerSecrets } from './secrets-manager-partner-secrets.ts';

/** Where a deployment keeps its partners' secrets, as its environment says. */
export interface PartnerSecretsEnv {
  readonly PARTNERS: readonly string[];
  readonly PARTNER_SECRETS: 'secrets-manager' | 'environment';
  readonly PARTNER_SECRET_PREFIX: string;
}

/** The partners' secrets: Secrets Manager in AWS, the environment locally. */
export const partnerSecretsFor = (env: PartnerSecretsEnv): PartnerSecrets =>
  env.PARTNER_SECRETS === 'environment' ? new EnvironmentPartnerSecrets(env.PARTNERS) : new SecretsManagerPartnerSecrets(env.PARTNERS, env.PARTNER_SECRET_PREFIX);
