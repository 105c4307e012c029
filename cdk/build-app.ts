import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { DeliveryStack } from './delivery-stack.ts';

/** The CDK app, checked by cdk-nag's AWS Solutions and Serverless packs: a finding fails the synth. */
export const buildApp = (props: AppProps = {}): { app: App; stack: DeliveryStack } => {
  const app = new App(props);
  const stack = new DeliveryStack(app, 'BookstoreDelivery', {
    description: 'Delivery lifecycle service of the online book store',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new ServerlessChecks(app, { verbose: true }));
  return { app, stack };
};
