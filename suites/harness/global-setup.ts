// vitest globalSetup of the `conformance` project: with no EB_TARGET, start the built-in
// reference broker for the run and tell the workers where it is. With EB_TARGET set (by the
// user or by `eb-conform run`), it does nothing.

import type { TestProject } from 'vitest/node';
import { startBuiltIn } from './built-in.ts';
import { isProfileName } from './context.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    ebTarget: string;
    ebDeclare: string;
    ebControl: string;
  }
}

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const target = process.env.EB_TARGET;
  if (target !== undefined && target.trim() !== '') return undefined;
  const profile = process.env.EB_PROFILE;
  // Its workers are given no credentials, so the broker is started without auth.
  const broker = await startBuiltIn({
    profile: isProfileName(profile) ? profile : 'v1.0.7',
    features: false,
  });
  project.provide('ebTarget', broker.url);
  project.provide('ebDeclare', broker.declarationFile);
  project.provide('ebControl', '1');
  return () => broker.close();
}
