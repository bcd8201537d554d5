// Every create MUST produce a new offer set with new offers: an offer set or offer uuid that
// comes back from two different creates breaks it.

import type { Operation } from '../history/trace.ts';
import { pick } from '../history/time.ts';
import { judged, traceFinding } from './judgement.ts';
import type { Finding, TraceRule } from './types.ts';

const ID = '/req/offerset/distinct-uuids';

export const distinctUuids: TraceRule = {
  name: 'distinct-uuids',
  requirement: ID,
  scope: 'trace',
  judge(trace) {
    const findings: Finding[] = [];
    const offersets = new Map<string, Operation>();
    const offers = new Map<string, Operation>();
    let creates = 0;
    const reuse = (what: string, uuid: string, first: Operation, again: Operation): void => {
      findings.push(
        traceFinding(ID, trace, `two create requests both got ${what} ${uuid}`, [
          ...first.events,
          ...again.events,
        ]),
      );
    };
    for (const operation of trace.operations) {
      if (operation.op !== 'create' || operation.outcome !== 'ok') continue;
      const offerset = pick(operation.value, 'offerset');
      if (typeof offerset !== 'string') continue;
      creates += 1;
      const earlier = offersets.get(offerset);
      if (earlier !== undefined) {
        reuse('offerset', offerset, earlier, operation);
        continue;
      }
      offersets.set(offerset, operation);
      const list = pick(operation.value, 'offers');
      for (const offer of Array.isArray(list) ? list : []) {
        const session = pick(offer, 'session');
        if (typeof session !== 'string') continue;
        const before = offers.get(session);
        if (before !== undefined) reuse('offer', session, before, operation);
        else offers.set(session, operation);
      }
    }
    // A single create has nothing to be distinct from.
    return judged(Math.max(0, creates - 1), findings.slice(0, 20));
  },
};
