// An expired offer MUST NOT be accepted. Two ways a trace shows it: the offer was seen EXPIRED
// and later (in certain order) accepted; or an accept sent after its `expires` instant (broker
// time, past the declared grace and the clock skew) succeeded, whether or not anybody read it
// EXPIRED first.

import { isWon } from '../history/phases.ts';
import { certainlyBefore } from '../history/trace.ts';
import { instantMs, pick } from '../history/time.ts';
import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/expiry/expired-not-acceptable';

export const expiredNotAcceptable: TraceRule = {
  name: 'expired-not-acceptable',
  requirement: ID,
  scope: 'trace',
  judge(trace, { skewMs, expiryGraceMs }) {
    const findings: Finding[] = [];
    const judgedSessions = new Set<string>();
    for (const [session, list] of trace.observations) {
      const expired = list.find((seen) => seen.phase === 'EXPIRED');
      if (expired === undefined) continue;
      const later = list.filter((seen) => certainlyBefore(expired, seen));
      if (later.length === 0) continue;
      judgedSessions.add(session);
      const accepted = later.find((seen) => isWon(seen.phase));
      if (accepted === undefined) continue;
      findings.push(
        traceFinding(
          ID,
          trace,
          `offer ${session} was EXPIRED and was then accepted (${accepted.phase})`,
          [...expired.events, ...accepted.events],
          session,
        ),
      );
    }
    for (const operation of trace.operations) {
      if (operation.op !== 'accept') continue;
      const session = pick(operation.invokeValue, 'session');
      if (typeof session !== 'string') continue;
      const expires = instantMs(trace.offers.get(session)?.facts.expires);
      if (expires === undefined) continue;
      const sentAt = trace.brokerTime(operation.invokedAt);
      if (sentAt <= expires + expiryGraceMs + skewMs) continue;
      judgedSessions.add(session);
      const phase = pick(operation.value, 'phase');
      if (operation.outcome !== 'ok' || typeof phase !== 'string' || !isWon(phase)) continue;
      if (findings.some((found) => found.session === session)) continue;
      findings.push(
        traceFinding(
          ID,
          trace,
          `offer ${session} expired at ${new Date(expires).toISOString()}; an accept sent ${Math.round((sentAt - expires) / 1000)} s later made it ${phase}`,
          operation.events,
          session,
        ),
      );
    }
    return judged(judgedSessions.size, findings);
  },
};
