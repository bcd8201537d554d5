// Every entry of `meta.options` (of a session, or of the offers in an offer set) MUST have an
// option kind the profile knows and a `path`. Judged per option seen.

import { kindNameIn } from '../../spec/index.ts';
import { judgedDocument, schemaIssues } from './documents.ts';
import { NOTHING, judged, viewFinding } from './judgement.ts';
import { pick } from './readers.ts';
import type { ExchangeRule, Finding } from './types.ts';

const ID = '/req/schema/option-valid';

function optionLists(doc: unknown): { at: string; list: unknown[] }[] {
  const sessions: { at: string; doc: unknown }[] = [{ at: '', doc }];
  const offers = pick(doc, 'offers');
  if (Array.isArray(offers))
    offers.forEach((offer, i) => sessions.push({ at: `/offers/${i}`, doc: offer }));
  return sessions.flatMap(({ at, doc: session }) => {
    const list = pick(session, 'meta', 'options');
    return Array.isArray(list) ? [{ at: `${at}/meta/options`, list }] : [];
  });
}

export const optionValid: ExchangeRule = {
  name: 'option-valid',
  requirement: ID,
  scope: 'exchange',
  judge(view, context) {
    const document = judgedDocument(view);
    if (document === undefined || document === 'wrong') return NOTHING;
    const lists = optionLists(document.doc);
    const count = lists.reduce((sum, { list }) => sum + list.length, 0);
    if (count === 0) return NOTHING;
    const findings: Finding[] = [];
    const said = new Set<string>();
    for (const { at, list } of lists)
      list.forEach((option, i) => {
        const kind = pick(option, 'kind');
        const name = typeof kind === 'string' ? kindNameIn(context.profile, kind) : undefined;
        if (name === undefined || !name.endsWith('-option')) {
          said.add(`${at}/${i}/kind`);
          findings.push(
            viewFinding(
              ID,
              view,
              `option ${i} has kind ${JSON.stringify(kind)}, not an option kind of the profile`,
              `${at}/${i}/kind`,
            ),
          );
        }
        if (typeof pick(option, 'path') !== 'string') {
          said.add(`${at}/${i}/path`);
          findings.push(viewFinding(ID, view, `option ${i} names no path`, `${at}/${i}/path`));
        }
      });
    for (const issue of schemaIssues(document, context))
      if (issue.requirement === ID && !said.has(issue.pointer))
        findings.push(viewFinding(ID, view, issue.message, issue.pointer));
    return judged(count, findings);
  },
};
