import { isExecutableFile } from '../../local/find-executable.ts';

/** Where Debian's Chromium is installed (`apt-get install -y chromium`). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The Chromium the end-to-end tests drive: `env.CHROMIUM_PATH`, else Debian's. */
export const chromiumPath = (env: NodeJS.ProcessEnv): string => env['CHROMIUM_PATH'] ?? DEFAULT_CHROMIUM_PATH;

/** Why the end-to-end tests cannot launch Chromium, in one line that says what to install, or `null` when they can. */
export const chromiumProblem = (env: NodeJS.ProcessEnv): string | null => {
  const path = chromiumPath(env);
  if (isExecutableFile(path)) return null;
  return `The end-to-end tests drive Chromium and there is no executable at ${path}: install it with \`apt-get install -y chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH to the Chromium to use.`;
};
