import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './chromium-prerequisite.ts';

/** Debian's Chromium, which `.ci/run` installs (Playwright's own browser download cannot work offline). */
export const CHROMIUM_PATH = chromiumPath(process.env);

/**
 * Headless Chromium for end-to-end tests of pages on localhost. The flags keep it from reaching out to
 * the network (this machine has none) and let it run as root in a container.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
