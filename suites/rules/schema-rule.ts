// The two document rules (offer set, session) differ only in the document they judge.

import { judgedDocument, schemaIssues, wrongDocumentFinding } from './documents.ts';
import { NOTHING, judged, viewFinding } from './judgement.ts';
import type { ExchangeRule, ExpectedDocument } from './types.ts';

export function schemaRule(
  name: string,
  requirement: string,
  type: ExpectedDocument,
): ExchangeRule {
  return {
    name,
    requirement,
    scope: 'exchange',
    judge(view, context) {
      if (view.expect !== type) return NOTHING;
      const document = judgedDocument(view);
      if (document === undefined) return NOTHING;
      if (document === 'wrong') return judged(1, [wrongDocumentFinding(view, type)]);
      const findings = schemaIssues(document, context)
        .filter((issue) => issue.requirement === requirement)
        .map((issue) => viewFinding(requirement, view, issue.message, issue.pointer));
      return judged(1, findings);
    },
  };
}
