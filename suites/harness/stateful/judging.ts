// How a conformance file takes up a shared observation: an observation that broke is an ERROR
// of the file (the harness failed, not the target); one that could not be made ends the test
// INCONCLUSIVE with the reason it gives (what to declare or allow so it can be made).

import { inconclusive } from '../requirement.ts';
import { observation, type ObservationKind, type ObservationOf } from './observations/index.ts';

export async function observed<K extends ObservationKind>(
  kind: K,
  requirement?: string,
): Promise<ObservationOf[K]> {
  const outcome = await observation(kind, requirement);
  if ('error' in outcome) throw new Error(`the ${kind} observation broke: ${outcome.error}`);
  return outcome.value as ObservationOf[K];
}

/** Ends the test INCONCLUSIVE when the observation says it could not be judged. */
export function checkable(unchecked: string | undefined): void {
  if (unchecked !== undefined) inconclusive(unchecked);
}
