// The checks of the faults that break the optional features (auth, connectors, labels), for
// faults.test.ts: each answers "is the rule broken?" against a broker started with the feature.
import type { FaultName } from '../../mock/faults.ts';
import type { MockOptions } from '../../mock/index.ts';
import { dockerRequest, send, type Answer } from './http-helpers.ts';

export const ALICE = { authorization: `Basic ${Buffer.from('alice:a-secret').toString('base64')}` };
export const BOB = { authorization: `Basic ${Buffer.from('bob:b-secret').toString('base64')}` };
const USERS: MockOptions = { users: ['alice:a-secret', 'bob:b-secret'] };

const update = (value: string) => ({ kind: 'uri:enum-value-update', path: 'phase', value });

async function offers(base: string, body: unknown, headers: Record<string, string> = {}) {
  const created = await send(`${base}/requests`, { body, headers });
  if (created.status !== 303) return created;
  return send(created.headers.location!, { headers });
}

/** Accepts the first Docker offer and moves the virtual clock until the session is `phase`. */
async function runningSession(base: string, phase: 'AVAILABLE' | 'RUNNING'): Promise<Answer> {
  const offer = (await offers(base, dockerRequest())).body.offers[0];
  await send(offer.meta.url, { body: update('ACCEPTED') });
  const now = Date.parse((await send(`${base}/_control/clock`)).body.now);
  const available = Date.parse(offer.schedule.available.start.split('/')[0]);
  const seconds = (available - now) / 1000 + (phase === 'AVAILABLE' ? 1 : 40);
  await send(`${base}/_control/advance`, { body: { seconds } });
  return send(offer.meta.url);
}

type Check = { options?: MockOptions; broken: (base: string) => Promise<boolean> };

export const FEATURE_CHECKS: Partial<Record<FaultName, Check>> = {
  'auth-ignored': {
    options: USERS,
    broken: async (base) =>
      (await send(`${base}/requests`, { body: dockerRequest() })).status !== 401,
  },
  'owner-ignored': {
    options: USERS,
    broken: async (base) => {
      const offer = (await offers(base, dockerRequest(), ALICE)).body.offers[0];
      const answer = await send(offer.meta.url, { body: update('REJECTED'), headers: BOB });
      return answer.status !== 403;
    },
  },
  'connectors-missing': {
    broken: async (base) =>
      (await offers(base, dockerRequest())).body.offers[0].connectors?.length !== 2,
  },
  'connector-never-available': {
    broken: async (base) =>
      (await runningSession(base, 'AVAILABLE')).body.connectors[0].status !== 'AVAILABLE',
  },
  'connector-regresses': {
    broken: async (base) => {
      const session = (await runningSession(base, 'RUNNING')).body;
      return session.phase !== 'RUNNING' || session.connectors[0].status !== 'AVAILABLE';
    },
  },
  'labels-dropped': {
    broken: async (base) => {
      const executable = { ...(dockerRequest().executable as object), labels: { team: 'eb' } };
      const offer = (await offers(base, dockerRequest({ executable }))).body.offers[0];
      return offer.executable.labels?.team !== 'eb';
    },
  },
  'reserved-label-accepted': {
    broken: async (base) => {
      const labels = { 'calycopis-broker-owner': 'me' };
      const executable = { ...(dockerRequest().executable as object), labels };
      return (await offers(base, dockerRequest({ executable }))).body.result !== 'NO';
    },
  },
};
