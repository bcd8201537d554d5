// An OfferSet with result NO SHOULD list no offers and at least one message saying why.
// Judged per NO answer.

import { offersetWithResult } from './documents.ts';
import { NOTHING, judged, viewFinding } from './judgement.ts';
import { pick } from './readers.ts';
import type { ExchangeRule, Finding } from './types.ts';

const ID = '/req/offerset/no-has-messages';

export const noHasMessages: ExchangeRule = {
  name: 'no-has-messages',
  requirement: ID,
  scope: 'exchange',
  judge(view) {
    const offerset = offersetWithResult(view, 'NO');
    if (offerset === undefined) return NOTHING;
    const findings: Finding[] = [];
    const offers = pick(offerset, 'offers');
    if (Array.isArray(offers) && offers.length > 0)
      findings.push(viewFinding(ID, view, 'a NO answer lists offers', '/offers'));
    const messages = pick(offerset, 'meta', 'messages');
    if (!Array.isArray(messages) || messages.length === 0)
      findings.push(
        viewFinding(ID, view, 'a NO answer carries no message saying why', '/meta/messages'),
      );
    return judged(1, findings);
  },
};
