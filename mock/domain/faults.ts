// The domain's view of the fault catalogue: just the set of names switched on.
import type { FaultName } from '../faults.ts';

export type FaultSet = ReadonlySet<FaultName>;

export const NO_FAULTS: FaultSet = new Set<FaultName>();
