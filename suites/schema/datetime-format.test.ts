import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { documentsToCheck, expectSchemaClean } from '../harness/documents.ts';
import { pick } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

const ID = '/req/schema/datetime-format';

// The forms the v1.0 schemas allow: a UTC or offset instant, a duration, and an interval of
// two of those (at least one an instant).
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DURATION =
  /^P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+[DW])?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const INTERVAL_PART = new RegExp(
  `(?:${INSTANT.source.slice(1, -1)}|${DURATION.source.slice(1, -1)})`,
);
const INTERVAL = new RegExp(`^${INTERVAL_PART.source}/${INTERVAL_PART.source}$`);

const FIELDS: { path: string[]; form: 'instant' | 'duration' | 'interval' }[] = [
  { path: ['meta', 'created'], form: 'instant' },
  { path: ['meta', 'modified'], form: 'instant' },
  { path: ['expires'], form: 'instant' },
  { path: ['schedule', 'preparing', 'start'], form: 'instant' },
  { path: ['schedule', 'preparing', 'duration'], form: 'duration' },
  { path: ['schedule', 'available', 'start'], form: 'interval' },
  { path: ['schedule', 'available', 'duration'], form: 'duration' },
  { path: ['schedule', 'releasing', 'start'], form: 'instant' },
  { path: ['schedule', 'releasing', 'duration'], form: 'duration' },
];

function wellFormed(value: unknown, form: 'instant' | 'duration' | 'interval'): boolean {
  if (typeof value !== 'string') return false;
  if (form === 'instant') return INSTANT.test(value) && !Number.isNaN(Date.parse(value));
  if (form === 'duration') return DURATION.test(value);
  // Some brokers give a bare instant where an interval is due; the schema allows only intervals.
  return INTERVAL.test(value);
}

requirement(ID, () => {
  it('instants, durations and intervals in responses are ISO 8601 of the allowed forms', async () => {
    const client = new BrokerClient();
    const documents = await documentsToCheck(client);
    for (const sample of documents) {
      const { type, doc, reply, origin } = sample;
      const sessions = type === 'ExecutionSession' ? [{ at: '', doc }] : [];
      if (type === 'OfferSetResponse') {
        const offers = pick(doc, 'offers');
        if (Array.isArray(offers))
          offers.forEach((offer, i) => sessions.push({ at: `/offers/${i}`, doc: offer }));
        for (const field of FIELDS.slice(0, 2)) {
          const value = pick(doc, ...field.path);
          if (value !== undefined && !wellFormed(value, field.form)) {
            fail(
              `${origin}: ${field.path.join('.')} is ${JSON.stringify(value)}, not an ISO 8601 ${field.form}`,
              {
                exchanges: [reply.exchange],
                pointer: `/${field.path.join('/')}`,
              },
            );
          }
        }
      }
      for (const session of sessions) {
        for (const field of FIELDS) {
          const value = pick(session.doc, ...field.path);
          if (value !== undefined && !wellFormed(value, field.form)) {
            fail(
              `${origin}: ${field.path.join('.')} is ${JSON.stringify(value)}, not an ISO 8601 ${field.form}`,
              {
                exchanges: [reply.exchange],
                pointer: `${session.at}/${field.path.join('/')}`,
              },
            );
          }
        }
      }
      expectSchemaClean(client, ID, sample);
    }
  });
});
