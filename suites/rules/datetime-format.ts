// Instants, durations and intervals in responses MUST be ISO 8601 strings of the forms the
// v1.0 schemas allow: a UTC or offset instant, a duration, and an interval of two of those.
// Judged per field seen, in the document and in every offer of an offer set.

import { judgedDocument, schemaIssues } from './documents.ts';
import { NOTHING, judged, viewFinding } from './judgement.ts';
import { pick } from './readers.ts';
import type { ExchangeRule, Finding } from './types.ts';

const ID = '/req/schema/datetime-format';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DURATION =
  /^P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+[DW])?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const INTERVAL_PART = `(?:${INSTANT.source.slice(1, -1)}|${DURATION.source.slice(1, -1)})`;
const INTERVAL = new RegExp(`^${INTERVAL_PART}/${INTERVAL_PART}$`);

type Form = 'instant' | 'duration' | 'interval';

const META: { path: string[]; form: Form }[] = [
  { path: ['meta', 'created'], form: 'instant' },
  { path: ['meta', 'modified'], form: 'instant' },
];

const SESSION: { path: string[]; form: Form }[] = [
  ...META,
  { path: ['expires'], form: 'instant' },
  { path: ['schedule', 'preparing', 'start'], form: 'instant' },
  { path: ['schedule', 'preparing', 'duration'], form: 'duration' },
  { path: ['schedule', 'available', 'start'], form: 'interval' },
  { path: ['schedule', 'available', 'duration'], form: 'duration' },
  { path: ['schedule', 'releasing', 'start'], form: 'instant' },
  { path: ['schedule', 'releasing', 'duration'], form: 'duration' },
];

export function wellFormed(value: unknown, form: Form): boolean {
  if (typeof value !== 'string') return false;
  if (form === 'instant') return INSTANT.test(value) && !Number.isNaN(Date.parse(value));
  if (form === 'duration') return DURATION.test(value);
  // Some brokers give a bare instant where an interval is due; the schema allows only intervals.
  return INTERVAL.test(value);
}

export const datetimeFormat: ExchangeRule = {
  name: 'datetime-format',
  requirement: ID,
  scope: 'exchange',
  judge(view, context) {
    const document = judgedDocument(view);
    if (document === undefined || document === 'wrong') return NOTHING;
    const checks: { at: string; doc: unknown; fields: typeof SESSION }[] = [];
    if (document.type === 'ExecutionSession')
      checks.push({ at: '', doc: document.doc, fields: SESSION });
    else {
      checks.push({ at: '', doc: document.doc, fields: META });
      const offers = pick(document.doc, 'offers');
      if (Array.isArray(offers))
        offers.forEach((offer, i) =>
          checks.push({ at: `/offers/${i}`, doc: offer, fields: SESSION }),
        );
    }
    let count = 0;
    const findings: Finding[] = [];
    const said = new Set<string>();
    for (const { at, doc, fields } of checks)
      for (const field of fields) {
        const value = pick(doc, ...field.path);
        if (value === undefined) continue;
        count += 1;
        if (wellFormed(value, field.form)) continue;
        const pointer = `${at}/${field.path.join('/')}`;
        said.add(pointer);
        findings.push(
          viewFinding(
            ID,
            view,
            `${field.path.join('.')} is ${JSON.stringify(value)}, not an ISO 8601 ${field.form}`,
            pointer,
          ),
        );
      }
    for (const issue of schemaIssues(document, context))
      if (issue.requirement === ID && !said.has(issue.pointer))
        findings.push(viewFinding(ID, view, issue.message, issue.pointer));
    return count === 0 && findings.length === 0 ? NOTHING : judged(count, findings);
  },
};
