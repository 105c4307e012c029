import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Properties of {@link PartnerSecrets}. */
export interface PartnerSecretsProps {
  /** The partners that sign webhooks. */
  readonly partners: readonly string[];
  /**
   * The prefix of each secret's name; the partner id follows it.
   * @default 'bookstore-delivery/partners/'
   */
  readonly prefix?: string;
}

/**
 * One Secrets Manager secret per partner, `<prefix><partnerId>`, holding `{"current": "…"}` and, while a
 * rotation is under way, `"previous"`: the webhook handler accepts a signature by either.
 */
export class PartnerSecrets extends Construct {
  /** The prefix of the secrets' names. */
  public readonly prefix: string;
  /** The secrets, by partner id. */
  public readonly secrets: ReadonlyMap<string, Secret>;

  constructor(scope: Construct, id: string, props: PartnerSecretsProps) {
    super(scope, id);
    this.prefix = props.prefix ?? 'bookstore-delivery/partners/';
    const secrets = new Map<string, Secret>();
    for (const partnerId of props.partners) {
      const secret = new Secret(this, partnerId, {
        secretName: `${this.prefix}${partnerId}`,
        description: `Webhook signing secret shared with the delivery partner ${partnerId}`,
        generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'current', passwordLength: 64, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The secret is shared with a partner, who must install each new value: it is rotated by the documented two-key procedure (previous + current), not by a rotation Lambda.',
      });
      secrets.set(partnerId, secret);
    }
    this.secrets = secrets;
  }

  /** Lets `grantee` read the secrets of `partnerIds` (every partner's by default). */
  grantRead(grantee: IGrantable, partnerIds: readonly string[] = [...this.secrets.keys()]): void {
    for (const partnerId of partnerIds) {
      const secret = this.secrets.get(partnerId);
      if (secret === undefined) throw new Error(`partner ${partnerId} has no secret`);
      secret.grantRead(grantee);
    }
  }
}
