import { driveLifecycle, type DeliveryMeasurement } from './lifecycles/drive.ts';
import { costSection } from './lifecycles/cost-section.ts';
import { startInstrumentedStack } from './lifecycles/instrumented-stack.ts';
import { LIFECYCLES } from './lifecycles/scenarios.ts';
import { transitionsSection } from './lifecycles/transitions-section.ts';
import type { BenchOptions, BenchSection } from './section.ts';

/**
 * Items 1 and 2 of issue 7: drives `options.runs` deliveries of each lifecycle (happy path; one failed
 * attempt then delivered; three failed attempts then returned by an operator; cancelled before pickup)
 * through the local stack, one at a time after an uncounted warm-up delivery, and reports the billed
 * Step Functions transitions of each (section `transitions`) and what 1,000 of each cost at AWS list
 * prices, by service (section `cost`). The stack and everything it started are stopped whatever happens.
 */
export const measureLifecycles = async (options: BenchOptions): Promise<BenchSection[]> => {
  const started = performance.now();
  options.log('lifecycles: starting the local stack (DynamoDB Local, the outbox relay process, the workflow)…');
  const instrumented = await startInstrumentedStack();
  const measured: Record<string, DeliveryMeasurement[]> = Object.fromEntries(LIFECYCLES.map((lifecycle) => [lifecycle.id, []]));
  try {
    const [warmUp] = LIFECYCLES;
    if (warmUp !== undefined) await driveLifecycle(instrumented, warmUp);
    for (let run = 1; run <= options.runs; run += 1) {
      for (const lifecycle of LIFECYCLES) measured[lifecycle.id]?.push(await driveLifecycle(instrumented, lifecycle));
      options.log(`lifecycles: run ${String(run)}/${String(options.runs)} done (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await instrumented.stop();
  }
  return [transitionsSection(measured), costSection(measured)];
};
