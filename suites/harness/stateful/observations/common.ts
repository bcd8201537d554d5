// What every observation shares: a stage of its own, the reason a broker gave nothing to act on,
// and the plain-data record of one read (observations travel to the test files as JSON).

import type { Created, Observed } from '../port.ts';

/** One answer about one session, as the judging test files need it. */
export interface Seen {
  session: string;
  status: number;
  phase?: string;
  /** Broker time of the observation, as best known (epoch ms). */
  at: number;
  exchangeIds: string[];
}

export function seen(session: string, observed: Observed, at: number): Seen {
  const out: Seen = { session, status: observed.status, at, exchangeIds: observed.exchangeIds };
  if (observed.facts?.phase !== undefined) out.phase = observed.facts.phase;
  return out;
}

/**
 * Why a create gave nothing to act on, said so that the user knows what to change: a broker
 * that refuses every write without credentials is a run that needs --user, not a pass.
 */
export function noOffersReason(created: Created): string {
  if (created.status === 401 || created.status === 403)
    return `the create was refused (${created.status}): credentials needed (--user NAME:PASSWORD)`;
  if (created.status === 0) return 'the create got no answer from the target';
  if (created.result === 'NO') return 'the broker answered NO, so there was no offer to act on';
  if (created.status >= 400) return `the create was answered ${created.status}, with no offers`;
  return `the broker made no offers (answer ${created.result ?? created.status})`;
}
