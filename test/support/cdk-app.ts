import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../cdk/build-app.ts';
import type { DeliveryStack } from '../../cdk/delivery-stack.ts';

/** The app, its stack and the stack's template, synthesized into a directory of its own. */
export interface SynthesizedApp {
  readonly app: App;
  readonly stack: DeliveryStack;
  readonly template: Template;
  readonly outdir: string;
}

/**
 * Builds and synthesizes the app (cdk-nag and CDK's template validation run; a finding throws). Asset
 * bundling is skipped unless `bundle`, which runs esbuild for every function as `cdk synth` does.
 * Remove the output with {@link removeSynthesized}.
 */
export const synthesize = (options: { readonly bundle?: boolean; readonly stack?: Parameters<typeof buildApp>[1] } = {}): SynthesizedApp => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
  const { app, stack } = buildApp({ outdir, ...(options.bundle === true ? {} : { context: { 'aws:cdk:bundling-stacks': [] } }) }, options.stack);
  app.synth();
  return { app, stack, template: Template.fromStack(stack), outdir };
};

/** Deletes what {@link synthesize} wrote. */
export const removeSynthesized = (synthesized: SynthesizedApp | undefined): void => {
  if (synthesized) rmSync(synthesized.outdir, { recursive: true, force: true });
};

/**
 * Synthesizes the app once for the test file (in `beforeAll`, removed in `afterAll`); returns what was
 * synthesized, for the tests to read.
 */
export const synthesizedForTests = (): (() => SynthesizedApp) => {
  let synthesized: SynthesizedApp | undefined;
  beforeAll(() => {
    synthesized = synthesize();
  }, 60_000);
  afterAll(() => { removeSynthesized(synthesized); });
  return () => {
    if (synthesized === undefined) throw new Error('the app is synthesized in beforeAll, before any test reads it');
    return synthesized;
  };
};

/** The resources of `type` in `template`, by logical id. */
export const resourcesOf = <R>(template: Template, type: string): Record<string, R> => template.findResources(type) as Record<string, R>;

/** The logical id of the one resource of `type` whose id starts with `idPrefix`; fails the test unless there is exactly one. */
export const onlyLogicalId = (template: Template, type: string, idPrefix = ''): string => {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(idPrefix));
  expect(ids, `${type} ${idPrefix}`).toHaveLength(1);
  return ids[0] ?? '';
};
