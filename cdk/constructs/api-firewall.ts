import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Properties of {@link ApiFirewall}. */
export interface ApiFirewallProps {
  /** The ARN of the API Gateway stage to protect. */
  readonly stageArn: string;
  /**
   * Requests one client IP may make in five minutes before it is blocked.
   * @default 3000
   */
  readonly requestsPerFiveMinutes?: number;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const managedRuleGroup = (name: string, priority: number, countInstead: readonly string[] = []): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(countInstead.length === 0 ? {} : { ruleActionOverrides: countInstead.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }),
    },
  },
  visibilityConfig: visibility(name),
});

/**
 * A WAFv2 web ACL on the API stage: AWS's common and known-bad-inputs rule groups and a per-IP rate limit.
 * The common group's 8 KB body rule only counts: the API takes bodies up to 64 KiB and answers 413 itself.
 */
export class ApiFirewall extends Construct {
  /** The web ACL. */
  public readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('DeliveryApi'),
      rules: [
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'RateLimitPerIp',
          priority: 3,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.requestsPerFiveMinutes ?? 3000, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.stageArn, webAclArn: this.webAcl.attrArn });
  }
}
