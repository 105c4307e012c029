import type { Template } from 'aws-cdk-lib/assertions';

/** The logical id prefix of the function CDK's bucket deployment adds (deploy time only, not part of the service). */
export const BUCKET_DEPLOYMENT_FUNCTION_PREFIX = 'CustomCDKBucketDeployment';

/** The service's own Lambda functions in `template`, by logical id: all but CDK's bucket deployment function, of which there must be at most one. */
export const serviceFunctionsOf = <T>(template: Template): Record<string, T> => {
  const all = Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, T>);
  const deployment = all.filter(([id]) => id.startsWith(BUCKET_DEPLOYMENT_FUNCTION_PREFIX));
  if (deployment.length > 1) throw new Error(`expected at most one bucket deployment function, found ${deployment.map(([id]) => id).join(', ')}`);
  return Object.fromEntries(all.filter(([id]) => !id.startsWith(BUCKET_DEPLOYMENT_FUNCTION_PREFIX)));
};
