// vitest globalSetup of the `conformance` project: with neither EB_TARGET nor EB_SETTINGS, start
// the built-in reference broker for the run and hand the workers its settings. Otherwise (a
// target given, or `eb-conform run` driving) it does nothing.

import type { TestProject } from 'vitest/node';
import { DEFAULTS, encodeContext, SETTINGS_VARIABLE } from '../../suites/harness/context.ts';
import { startBuiltIn } from './built-in.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    ebSettings: string;
  }
}

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const given = [process.env.EB_TARGET, process.env[SETTINGS_VARIABLE]];
  if (given.some((value) => value !== undefined && value.trim() !== '')) return undefined;
  // Plain vitest workers get no credentials here, so the broker runs without auth.
  const broker = await startBuiltIn({ features: false });
  project.provide(
    'ebSettings',
    encodeContext({
      target: broker.url,
      profile: 'v1.0.7',
      declaration: broker.declaration,
      seed: DEFAULTS.seed,
      runs: DEFAULTS.runs,
      maxWaitMs: DEFAULTS.maxWaitMs,
      requestTimeoutMs: DEFAULTS.requestTimeoutMs,
      headers: {},
      control: true,
      builtIn: true,
      failOn: 'must',
    }),
  );
  return () => broker.close();
}
