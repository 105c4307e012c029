import type { BenchSection } from '../section.ts';
import { formatSpread, spreadOf, type Spread } from '../stats.ts';
import type { DeliveryMeasurement } from './drive.ts';
import { markdownTable } from './markdown.ts';
import { LIFECYCLES } from './scenarios.ts';

/** Issue 7's target for the happy path. */
const HAPPY_PATH_TARGET = 6;

/** What the section reports of one lifecycle. */
interface LifecycleTransitions {
  readonly title: string;
  readonly transitions: Spread;
  readonly taskInvocations: Spread;
  /** The states the first delivery entered, in order. */
  readonly statesEntered: readonly string[];
  /** Whether every delivery of the lifecycle entered the same states. */
  readonly samePathEveryRun: boolean;
}

/** The `transitions` section: billed transitions per lifecycle, from the executions' histories. */
export const transitionsSection = (measured: Readonly<Record<string, readonly DeliveryMeasurement[]>>): BenchSection => {
  const data: Record<string, LifecycleTransitions> = Object.fromEntries(
    LIFECYCLES.map((lifecycle) => {
      const runs = measured[lifecycle.id] ?? [];
      const paths = runs.map((run) => run.execution.statesEntered.join(' → '));
      return [
        lifecycle.id,
        {
          title: lifecycle.title,
          transitions: spreadOf(runs.map((run) => run.execution.statesEntered.length)),
          taskInvocations: spreadOf(runs.map((run) => run.execution.taskInvocations)),
          statesEntered: runs[0]?.execution.statesEntered ?? [],
          samePathEveryRun: new Set(paths).size === 1,
        },
      ];
    }),
  );
  const happy = data['happyPath']?.transitions;
  const met = happy !== undefined && happy.max <= HAPPY_PATH_TARGET;
  const runs = Object.values(data)[0]?.transitions.runs ?? 0;
  const markdown = [
    `Counted from real executions of \`statemachine/delivery-lifecycle.asl.json\` on the local stack, ${String(runs)} deliveries of each lifecycle, each driven alone through the HTTP API, signed webhooks and operator actions. A billed transition is a \`StateEntered\` event of the execution's history, read back through the stack's Step Functions API (\`GetExecutionHistory\`): Step Functions bills every state entered, Choice and Succeed included, and every retry (none happened here). Each Task state entered invokes the workflow function once.`,
    '',
    markdownTable(
      ['Lifecycle', 'Billed transitions', 'Task states (workflow Lambda invocations)', 'States entered'],
      Object.values(data).map((lifecycle) => [
        lifecycle.title,
        formatSpread(lifecycle.transitions, 1),
        formatSpread(lifecycle.taskInvocations, 1),
        `${lifecycle.statesEntered.join(' → ')}${lifecycle.samePathEveryRun ? '' : ' (the path varied between runs)'}`,
      ]),
    ),
    '',
    `Target: at most ${String(HAPPY_PATH_TARGET)} billed transitions on the happy path — ${met ? 'met' : 'not met'} (${happy === undefined ? 'not measured' : formatSpread(happy, 1)}).`,
  ].join('\n');
  return { id: 'transitions', title: 'Billed Step Functions transitions per lifecycle', data: { lifecycles: data, target: { happyPath: HAPPY_PATH_TARGET, met } }, markdown };
};
