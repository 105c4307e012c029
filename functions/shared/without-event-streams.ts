/**
 * What the bundles load in place of `@smithy/core/event-streams` (an esbuild alias in `FUNCTION_BUNDLING`,
 * `cdk/constructs/service-function.ts`). The SDK's protocols import that module only when an operation
 * sends or receives an event stream, and none of the operations of the service's clients (DynamoDB,
 * EventBridge, SQS, Step Functions, Secrets Manager) does: leaving it out keeps its codecs out of every
 * bundle. Should an operation ever need it, the import fails with this error instead.
 */
throw new Error('@smithy/core/event-streams is not bundled: no operation of the service\'s AWS clients streams events (see cdk/constructs/service-function.ts)');
