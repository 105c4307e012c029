import { spawnSync } from 'node:child_process';
import { findExecutable } from './find-executable.ts';

/** The oldest Java that DynamoDB Local runs on. */
export const MINIMUM_JAVA_VERSION = 17;

const INSTALL_JAVA = 'install it with `apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu)';

/** The major version `java -version` reports (`1.8.0_292` is 8), or `null` when it reports none. */
export const javaMajorVersion = (versionOutput: string): number | null => {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) return null;
  const [, first, second] = match;
  return Number(first === '1' && second !== undefined ? second : first);
};

const reportedVersion = (java: string, env: NodeJS.ProcessEnv): number | null => {
  const probe = spawnSync(java, ['-version'], { env, encoding: 'utf8', timeout: 60_000 });
  return javaMajorVersion(`${probe.stderr}${probe.stdout}`);
};

/**
 * Why the `java` that DynamoDB Local would run on (the first on `env.PATH`) will not do, in one line that
 * says what to install, or `null` when it is Java 17 or newer.
 */
export const javaProblem = (env: NodeJS.ProcessEnv): string | null => {
  const java = findExecutable('java', env['PATH'] ?? '');
  if (java === null) return `DynamoDB Local needs Java ${String(MINIMUM_JAVA_VERSION)} or newer and there is no \`java\` on PATH: ${INSTALL_JAVA}.`;
  const version = reportedVersion(java, env);
  if (version !== null && version >= MINIMUM_JAVA_VERSION) return null;
  const found = version === null ? 'reports no version' : `is Java ${String(version)}`;
  return `DynamoDB Local needs Java ${String(MINIMUM_JAVA_VERSION)} or newer and ${java} ${found}: ${INSTALL_JAVA} and put it first on PATH.`;
};
