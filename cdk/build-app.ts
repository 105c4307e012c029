import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import * as z from 'zod';
import { partnerRouteSchema } from '#schemas/partner-routes.ts';
import { TRACKING_AGGREGATORS } from '#http/tracking-formats/tracking-formats.ts';
import { DeliveryStack, type DeliveryStackProps } from './delivery-stack.ts';

/** CDK's own template validation (CloudFormation schemas and rules) fails the synth instead of warning. */
const STRICT_TEMPLATE_VALIDATION = { '@aws-cdk/core:validateAgainstDefaultRules': true };

/** The context key of the partner settings: `partners`, `partnerEndpoints`, `partnerRoutes`, `trackingAggregators` (JSON, or an object in cdk.json). */
export const PARTNERS_CONTEXT_KEY = 'bookstore-delivery:partners';

type PartnerProps = Pick<DeliveryStackProps, 'partners' | 'partnerEndpoints' | 'partnerRoutes' | 'trackingAggregators'>;

/** The shape of the partner context; the stack checks what it says. */
const partnerContextSchema = z.strictObject({
  partners: z.array(z.string()).optional(),
  partnerEndpoints: z.record(z.string(), z.string()).optional(),
  partnerRoutes: z.array(partnerRouteSchema).optional(),
  trackingAggregators: z.array(z.enum(TRACKING_AGGREGATORS)).optional(),
});

/** The partner settings given as context (`cdk deploy -c 'bookstore-delivery:partners={…}'`); the stack checks them. */
const partnerPropsOf = (app: App): PartnerProps => {
  const given: unknown = app.node.tryGetContext(PARTNERS_CONTEXT_KEY);
  if (given === undefined) return {};
  const parsed = partnerContextSchema.safeParse(typeof given === 'string' ? JSON.parse(given) : given);
  if (!parsed.success) throw new Error(`context ${PARTNERS_CONTEXT_KEY}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
};

/**
 * The CDK app, checked on every synth by cdk-nag's AWS Solutions and Serverless packs and by CDK's
 * template validation: any finding fails the synth. Partners come from `stackProps`, else from context.
 */
export const buildApp = (props: AppProps = {}, stackProps: PartnerProps = {}): { app: App; stack: DeliveryStack } => {
  const app = new App({ ...props, context: { ...STRICT_TEMPLATE_VALIDATION, ...props.context } });
  const stack = new DeliveryStack(app, 'BookstoreDelivery', {
    description: 'Delivery lifecycle service of the online book store',
    ...partnerPropsOf(app),
    ...stackProps,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new ServerlessChecks(app, { verbose: true }));
  return { app, stack };
};
