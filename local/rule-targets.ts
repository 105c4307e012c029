import type { HandlerName } from '../cdk/constructs/service-function.ts';
import type { RecordedEntry } from './local-event-bus.ts';
import { busEventOf, matchesPattern, type BusEvent, type LocalRule } from './event-rules.ts';

/** What invokes a rule's target locally: the same handler code the target's Lambda runs. */
export type RuleTarget = (event: BusEvent) => Promise<unknown>;

/** Lambda's asynchronous invocation: the first attempt and two retries, a minute apart in AWS, a second apart here. */
const ATTEMPTS = 3;

const invokeAsync = async (rule: LocalRule, target: RuleTarget, event: BusEvent): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await target(event);
      return;
    } catch (error) {
      if (attempt === ATTEMPTS) {
        console.error(`rule ${rule.name}: ${rule.target} failed ${String(ATTEMPTS)} times on event ${String(event['id'])}; in AWS it would go to the dead-letter queue`, error);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, attempt * 1000));
    }
  }
};

/**
 * Delivers each entry put on `busName` to the targets of the rules whose pattern it matches, as
 * EventBridge does: asynchronously, retried, never holding up `PutEvents`. A rule whose target has no
 * local handler stops the start.
 */
export const routeEntries = (
  rules: readonly LocalRule[],
  targets: Partial<Readonly<Record<HandlerName, RuleTarget>>>,
  busName: string,
  region: string,
): ((entry: RecordedEntry) => void) => {
  for (const rule of rules) if (targets[rule.target] === undefined) throw new Error(`rule ${rule.name}: no local handler for ${rule.target}`);
  return (entry) => {
    if (entry.EventBusName !== busName) return;
    const event = busEventOf(entry, region);
    for (const rule of rules) {
      const target = targets[rule.target];
      if (target && matchesPattern(rule.pattern, event)) void invokeAsync(rule, target, event);
    }
  };
};
