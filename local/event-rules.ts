import { App, Stack } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { DeliveryStack } from '../cdk/delivery-stack.ts';
import { ServiceFunction, type HandlerName } from '../cdk/constructs/service-function.ts';
import type { RecordedEntry } from './local-event-bus.ts';

/** An EventBridge rule of the deployed stack: the pattern it matches and the handler it invokes. */
export interface LocalRule {
  readonly name: string;
  readonly pattern: Readonly<Record<string, unknown>>;
  readonly target: HandlerName;
}

/** An event as EventBridge hands it to rules and targets. */
export type BusEvent = Readonly<Record<string, unknown>>;

/**
 * The rules of the stack CDK deploys, read from its constructs as they synthesize (no bundling, no
 * checks): each rule's event pattern and the handler its Lambda target runs.
 */
export const rulesOfTheStack = (): LocalRule[] => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new DeliveryStack(app, 'Local');
  const handlers = new Map<string, HandlerName>();
  for (const construct of stack.node.findAll()) {
    if (construct instanceof ServiceFunction) handlers.set(stack.getLogicalId(construct.function.node.defaultChild as CfnFunction), construct.handlerName);
  }
  return stack.node
    .findAll()
    .filter((construct): construct is CfnRule => construct instanceof CfnRule)
    .flatMap((rule) => {
      const pattern = Stack.of(rule).resolve(rule.eventPattern) as Record<string, unknown>;
      const targets = Stack.of(rule).resolve(rule.targets) as { arn: { 'Fn::GetAtt'?: [string, string] } }[];
      return targets.map((target) => {
        const handler = handlers.get(target.arn['Fn::GetAtt']?.[0] ?? '');
        if (handler === undefined) throw new Error(`rule ${rule.node.path}: its target is not a function of the stack`);
        return { name: rule.node.path, pattern, target: handler };
      });
    });
};

/**
 * Whether `event` matches an EventBridge event `pattern`: every field of the pattern must match, a list
 * by equality with one of its values, an object field by field. Other matchers (prefix, numeric, …) are
 * refused rather than guessed.
 */
export const matchesPattern = (pattern: Readonly<Record<string, unknown>>, event: unknown): boolean =>
  Object.entries(pattern).every(([key, expected]) => {
    const actual = (event as Record<string, unknown> | null)?.[key];
    if (Array.isArray(expected)) {
      for (const value of expected) if (typeof value === 'object' && value !== null) throw new Error(`the local bus does not support the matcher ${JSON.stringify(value)}`);
      return (expected as unknown[]).some((value) => (Array.isArray(actual) ? actual.includes(value) : actual === value));
    }
    if (typeof expected === 'object' && expected !== null) return matchesPattern(expected as Record<string, unknown>, actual);
    throw new Error(`an event pattern field holds a list or an object, not ${JSON.stringify(expected)}`);
  });

/** The event EventBridge hands to a rule's target for an entry put on a bus. */
export const busEventOf = (entry: RecordedEntry, region: string): BusEvent => ({
  version: '0',
  id: entry.EventId,
  'detail-type': entry.DetailType,
  source: entry.Source,
  account: '000000000000',
  time: entry.Time,
  region,
  resources: entry.Resources,
  detail: JSON.parse(entry.Detail) as unknown,
});
