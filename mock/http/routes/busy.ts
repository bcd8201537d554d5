// The 503 a create gets when the broker holds as many undecided offer sets as it may: what a
// client observes when the bound on memory bites. Retry-After says, in real seconds, when the
// first of them will have expired or finished.
import { brokerError, type BrokerError } from '../errors.ts';
import type { AppContext } from './types.ts';

export function busyError(context: AppContext): BrokerError | undefined {
  const waitMs = context.broker.busyFor();
  if (waitMs === undefined) return undefined;
  const seconds = Math.max(1, Math.ceil(waitMs / context.timeScale / 1000));
  return brokerError('busy', { seconds }, { headers: { 'retry-after': String(seconds) } });
}
