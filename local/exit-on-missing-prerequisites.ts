/**
 * Ends this process with exit code 1 after printing each problem found (one line each) when there is any;
 * returns otherwise. Called before anything is started, so that a machine without a tool this project runs
 * learns what to install in one line rather than from the stack trace of whatever fails first.
 */
export const exitOnMissingPrerequisites = (problems: readonly (string | null)[]): void => {
  const missing = problems.filter((problem) => problem !== null);
  if (missing.length === 0) return;
  process.stderr.write(`${missing.join('\n')}\n`);
  process.exit(1);
};
