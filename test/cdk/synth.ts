import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as z from 'zod';
import { defineVigil } from '../../cdk/vigil-app';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Bundling six handlers takes a while on a busy machine. */
export const SYNTH_TIMEOUT_MS = 300_000;

const cdkJsonSchema = z.object({
  context: z.record(z.string(), z.unknown()),
});

/** The context an operator gets from cdk.json, feature flags included. */
export function cdkJsonContext(): Record<string, unknown> {
  const text = readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8');
  return cdkJsonSchema.parse(JSON.parse(text)).context;
}

export interface SynthOptions {
  /** Context on top of cdk.json, as `-c name=value` would give. */
  readonly context?: Record<string, unknown>;
  /** Skip esbuild where a test reads only the template. */
  readonly bundle?: boolean;
}

/** The Vigil app as `cdk synth` builds it, checks included. */
export function vigilApp(options: SynthOptions = {}) {
  const app = new App({
    context: {
      ...cdkJsonContext(),
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...options.context,
    },
  });
  return { app, stack: defineVigil(app) };
}

/** Synthesizes the Vigil app; the checks fail the synthesis on a finding. */
export function synthesizeVigil(options: SynthOptions = {}) {
  const { app, stack } = vigilApp(options);
  return { app, stack, template: Template.fromStack(stack) };
}
