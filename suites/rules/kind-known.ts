// Every `kind` a response gives a component, option or update MUST be one of the URIs the
// profile maps. Judged per kind seen.

import { judgedDocument, kindsIn, unknownKinds } from './documents.ts';
import { NOTHING, judged, viewFinding } from './judgement.ts';
import type { ExchangeRule } from './types.ts';

const ID = '/req/schema/kind-known';

export const kindKnown: ExchangeRule = {
  name: 'kind-known',
  requirement: ID,
  scope: 'exchange',
  judge(view, context) {
    const document = judgedDocument(view);
    if (document === undefined || document === 'wrong') return NOTHING;
    const count = kindsIn(document.doc, document.type).length;
    if (count === 0) return NOTHING;
    const findings = unknownKinds(context.profile, document.doc, document.type).map((found) =>
      viewFinding(ID, view, found.message, found.pointer),
    );
    return judged(count, findings);
  },
};
