// The domain's view of the fault catalogue: just the set of names switched on (faults and quirks).
import type { BehaviourName } from '../faults.ts';

export type FaultSet = ReadonlySet<BehaviourName>;

export const NO_FAULTS: FaultSet = new Set<BehaviourName>();
