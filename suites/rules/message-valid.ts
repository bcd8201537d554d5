// Every entry of `meta.messages` (of the document and of its offers) MUST validate against the
// MessageItem schema, with a known level. Judged per message seen.

import { judgedDocument, schemaIssues } from './documents.ts';
import { NOTHING, judged, viewFinding } from './judgement.ts';
import { pick } from './readers.ts';
import type { ExchangeRule, Finding } from './types.ts';

const ID = '/req/schema/message-valid';
const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'OTHER'];

/** The message lists of a document and of its offers, with where they are. */
function messageLists(doc: unknown): { at: string; list: unknown[] }[] {
  const lists: { at: string; list: unknown[] }[] = [];
  const own = pick(doc, 'meta', 'messages');
  if (Array.isArray(own)) lists.push({ at: '/meta/messages', list: own });
  const offers = pick(doc, 'offers');
  if (Array.isArray(offers))
    offers.forEach((offer, i) => {
      const list = pick(offer, 'meta', 'messages');
      if (Array.isArray(list)) lists.push({ at: `/offers/${i}/meta/messages`, list });
    });
  return lists;
}

export const messageValid: ExchangeRule = {
  name: 'message-valid',
  requirement: ID,
  scope: 'exchange',
  judge(view, context) {
    const document = judgedDocument(view);
    if (document === undefined || document === 'wrong') return NOTHING;
    const lists = messageLists(document.doc);
    const count = lists.reduce((sum, { list }) => sum + list.length, 0);
    if (count === 0) return NOTHING;
    const findings: Finding[] = [];
    const said = new Set<string>();
    for (const { at, list } of lists)
      list.forEach((message, i) => {
        const level = pick(message, 'level');
        if (LEVELS.includes(level as string)) return;
        said.add(`${at}/${i}/level`);
        findings.push(
          viewFinding(
            ID,
            view,
            `message ${i} has level ${JSON.stringify(level)}, not one of ${LEVELS.join(', ')}`,
            `${at}/${i}/level`,
          ),
        );
      });
    for (const issue of schemaIssues(document, context))
      if (issue.requirement === ID && !said.has(issue.pointer))
        findings.push(viewFinding(ID, view, issue.message, issue.pointer));
    return judged(count, findings);
  },
};
