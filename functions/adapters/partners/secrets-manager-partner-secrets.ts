import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import type { PartnerSecrets } from './partner-secrets.ts';

/** A partner's secret in Secrets Manager: the current signing secret, and the previous one during a rotation. */
const partnerSecretSchema = z.object({ current: z.string().check(z.minLength(16)), previous: z.optional(z.string().check(z.minLength(16))) });

/**
 * Webhook secrets from Secrets Manager, one secret per partner named `<prefix><partnerId>`, cached for
 * `cacheSeconds` so that a burst of webhooks reads each secret once.
 */
export class SecretsManagerPartnerSecrets implements PartnerSecrets {
  readonly #cache = new Map<string, { secrets: readonly string[]; until: number }>();

  constructor(
    private readonly partners: readonly string[],
    private readonly prefix: string,
    private readonly client: SecretsManagerClient = new SecretsManagerClient({}),
    private readonly cacheSeconds = 300,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async secretsFor(partnerId: string): Promise<readonly string[] | null> {
    if (!this.partners.includes(partnerId)) return null;
    const now = this.clock().getTime();
    const cached = this.#cache.get(partnerId);
    if (cached && cached.until > now) return cached.secrets;
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: `${this.prefix}${partnerId}` }));
    const parsed = partnerSecretSchema.parse(JSON.parse(SecretString ?? '{}'));
    const secrets = parsed.previous === undefined ? [parsed.current] : [parsed.current, parsed.previous];
    this.#cache.set(partnerId, { secrets, until: now + this.cacheSeconds * 1000 });
    return secrets;
  }
}
