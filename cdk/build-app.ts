import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { DeliveryStack } from './delivery-stack.ts';

/** CDK's own template validation (CloudFormation schemas and rules) fails the synth instead of warning. */
const STRICT_TEMPLATE_VALIDATION = { '@aws-cdk/core:validateAgainstDefaultRules': true };

/**
 * The CDK app, checked on every synth by cdk-nag's AWS Solutions and Serverless packs and by CDK's
 * template validation: any finding fails the synth.
 */
export const buildApp = (props: AppProps = {}): { app: App; stack: DeliveryStack } => {
  const app = new App({ ...props, context: { ...STRICT_TEMPLATE_VALIDATION, ...props.context } });
  const stack = new DeliveryStack(app, 'BookstoreDelivery', {
    description: 'Delivery lifecycle service of the online book store',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new ServerlessChecks(app, { verbose: true }));
  return { app, stack };
};
