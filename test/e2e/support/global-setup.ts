import type { TestProject } from 'vitest/node';
import { exitOnMissingPrerequisites } from '../../../local/exit-on-missing-prerequisites.ts';
import { javaProblem } from '../../../local/java-prerequisite.ts';
import { chromiumProblem } from '#test/support/chromium-prerequisite.ts';
import { startStack, type StackUrls } from '#test/support/local-stack.ts';
import { stopOnSignals } from '#test/support/stop-on-signals.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackUrls;
  }
}

/**
 * Starts one local stack (`npm start`) that the end-to-end tests share, and stops it on every exit path.
 * Without Java 17 or Chromium the run ends at once with one line for each, saying what to install.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  exitOnMissingPrerequisites([javaProblem(process.env), chromiumProblem(process.env)]);
  const stack = await startStack();
  const forget = stopOnSignals(() => stack.stop());
  project.provide('stack', { apiUrl: stack.apiUrl, awsUrl: stack.awsUrl, dynamodbUrl: stack.dynamodbUrl, operatorToken: stack.operatorToken });
  return async () => {
    forget();
    const code = await stack.stop();
    if (code !== 0) throw new Error(`the stack exited with code ${String(code)}: ${stack.output()}`);
  };
}
