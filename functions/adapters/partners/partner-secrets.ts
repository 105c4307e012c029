/** Where the webhook signing secrets of each partner come from. */
export interface PartnerSecrets {
  /** The secrets a webhook of `partnerId` may be signed with (two during a rotation); null for a partner we do not know. */
  secretsFor(partnerId: string): Promise<readonly string[] | null>;
}

/**
 * Secrets from the environment, for the local stack: `PARTNER_SECRET_<ID>` (comma-separated during a
 * rotation), `dev-secret-<partnerId>` by default, for the partners named in `partners`.
 */
export class EnvironmentPartnerSecrets implements PartnerSecrets {
  constructor(
    private readonly partners: readonly string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  secretsFor(partnerId: string): Promise<readonly string[] | null> {
    if (!this.partners.includes(partnerId)) return Promise.resolve(null);
    const configured = this.env[`PARTNER_SECRET_${partnerId.toUpperCase().replaceAll('-', '_')}`];
    const secrets = (configured ?? `dev-secret-${partnerId}`).split(',').map((secret) => secret.trim()).filter((secret) => secret !== '');
    return Promise.resolve(secrets);
  }
}
