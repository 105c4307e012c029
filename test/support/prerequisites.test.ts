import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exitOnMissingPrerequisites } from '../../local/exit-on-missing-prerequisites.ts';
import { javaMajorVersion, javaProblem } from '../../local/java-prerequisite.ts';
import { chromiumPath, chromiumProblem } from './chromium-prerequisite.ts';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'prerequisites-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** A `java` in `folder` that answers `-version` as a JDK of `version` does (on stderr). */
const fakeJava = (version: string): string => {
  const java = join(folder, 'java');
  writeFileSync(java, `#!/bin/sh\necho 'openjdk version "${version}" 2019-01-15' >&2\n`);
  chmodSync(java, 0o755);
  return java;
};

describe('the Java check', () => {
  it('says in one line that Java is missing and how to install it when no java is on PATH', () => {
    expect(javaProblem({ PATH: folder })).toBe(
      'DynamoDB Local needs Java 17 or newer and there is no `java` on PATH: install it with `apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu).',
    );
    expect(javaProblem({})).toContain('there is no `java` on PATH');
  });

  it('names the java found on PATH and its version when it is older than 17', () => {
    const java = fakeJava('11.0.2');
    expect(javaProblem({ PATH: folder })).toBe(
      `DynamoDB Local needs Java 17 or newer and ${java} is Java 11: install it with \`apt-get install -y openjdk-17-jre-headless\` (Debian/Ubuntu) and put it first on PATH.`,
    );
  });

  it('passes Java 17 and newer', () => {
    fakeJava('17.0.15');
    expect(javaProblem({ PATH: folder })).toBeNull();
    fakeJava('21');
    expect(javaProblem({ PATH: `/nonexistent:${folder}` })).toBeNull();
  });

  it('reads the major version of both numbering schemes, and none from an answer without one', () => {
    expect(javaMajorVersion('java version "1.8.0_292"')).toBe(8);
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('Error: could not open jvm.cfg')).toBeNull();
  });

  it('refuses a java that reports no version', () => {
    const java = join(folder, 'java');
    writeFileSync(java, '#!/bin/sh\nexit 1\n');
    chmodSync(java, 0o755);
    expect(javaProblem({ PATH: folder })).toContain(`and ${java} reports no version:`);
  });
});

describe('the Chromium check', () => {
  it('says in one line that Chromium is missing, how to install it, and CHROMIUM_PATH', () => {
    const missing = join(folder, 'chromium');
    expect(chromiumProblem({ CHROMIUM_PATH: missing })).toBe(
      `The end-to-end tests drive Chromium and there is no executable at ${missing}: install it with \`apt-get install -y chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH to the Chromium to use.`,
    );
  });

  it('refuses a file that cannot be executed, and passes one that can', () => {
    const chromium = join(folder, 'chromium');
    writeFileSync(chromium, '#!/bin/sh\n');
    expect(chromiumProblem({ CHROMIUM_PATH: chromium })).not.toBeNull();
    chmodSync(chromium, 0o755);
    expect(chromiumProblem({ CHROMIUM_PATH: chromium })).toBeNull();
    expect(chromiumProblem({ CHROMIUM_PATH: folder }), 'a folder is no browser').not.toBeNull();
  });

  it("looks at Debian's Chromium unless CHROMIUM_PATH says otherwise", () => {
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chromium/chrome' })).toBe('/opt/chromium/chrome');
  });
});

describe('exitOnMissingPrerequisites', () => {
  it('prints each problem on a line of its own and exits with code 1', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      exitOnMissingPrerequisites(['no java', null, 'no chromium']);
      expect(write).toHaveBeenCalledWith('no java\nno chromium\n');
      expect(exit).toHaveBeenCalledWith(1);
    } finally {
      exit.mockRestore();
      write.mockRestore();
    }
  });

  it('does nothing when nothing is missing', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    try {
      exitOnMissingPrerequisites([null, null]);
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
    }
  });
});
