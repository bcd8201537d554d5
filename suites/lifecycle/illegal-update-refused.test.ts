// An update a session cannot take changes nothing and is refused with 400 or 409 and a
// message; never a silent 200.

import { it } from 'vitest';
import type { Reply } from '../harness/client.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';
import { pick } from '../history/time.ts';
import { offersFor, openStage, phaseOf, type Stage } from '../harness/stateful/scenario.ts';
import { judgeModelRun } from '../model/verdict.ts';

/** The model-based test judges the shared model run (harness/stateful/observations/). */
export const observes = ['model'] as const;

const ID = '/req/lifecycle/illegal-update-refused';

interface Attempt {
  name: string;
  send: (session: string) => Promise<Reply>;
}

const ATTEMPTS_ON_OFFERED = (stage: Stage): Attempt[] => [
  {
    name: 'a phase value that does not exist (BANANA)',
    send: (s) => stage.broker.client.update(s, 'BANANA'),
  },
  {
    name: 'an unknown path',
    send: (s) => stage.broker.client.update(s, 'ACCEPTED', { path: 'no/such/path' }),
  },
  {
    name: 'an unknown update kind',
    send: (s) =>
      stage.broker.client.update(s, 'ACCEPTED', { kind: 'urn:eb-conform:no-such-update' }),
  },
  {
    name: 'CANCELLED, which an OFFERED session does not offer',
    send: (s) => stage.broker.client.update(s, 'CANCELLED'),
  },
  { name: 'a value of the wrong type (a number)', send: (s) => stage.broker.client.update(s, 42) },
];

requirement(ID, () => {
  it('illegal updates of an OFFERED offer are refused and leave it OFFERED', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage);
    const session = offers[0]!.session;
    const problems: string[] = [];
    const exchanges: string[] = [];
    for (const attempt of ATTEMPTS_ON_OFFERED(stage)) {
      const reply = await attempt.send(session);
      const after = await stage.broker.read('client', session);
      const refused = reply.status === 400 || reply.status === 409;
      const explained = reply.text !== undefined && reply.text.trim() !== '';
      if (phaseOf(after) !== 'OFFERED' && phaseOf(after) !== 'EXPIRED') {
        problems.push(`${attempt.name} moved the offer to ${phaseOf(after) ?? '?'}`);
      } else if (!refused)
        problems.push(`${attempt.name} was answered ${reply.status}, not 400 or 409`);
      else if (!explained)
        problems.push(`${attempt.name} was refused (${reply.status}) with an empty body`);
      if (!refused || !explained) exchanges.push(reply.exchange.id, ...after.exchangeIds);
    }
    if (problems.length > 0) fail(problems.join('; '), { exchanges });
  });

  it('accepting a REJECTED offer is refused and leaves it REJECTED', async () => {
    const stage = await openStage();
    const { offers } = await offersFor(stage);
    const session = offers[0]!.session;
    const rejected = await stage.broker.update('client', session, 'REJECTED');
    if (phaseOf(rejected) !== 'REJECTED') {
      inconclusive(`the offer did not become REJECTED (${phaseOf(rejected) ?? rejected.status})`);
    }
    const answer = await stage.broker.update('client', session, 'ACCEPTED');
    const after = await stage.broker.read('client', session);
    const refused = answer.status === 400 || answer.status === 409;
    if (!refused || phaseOf(after) !== 'REJECTED') {
      fail(
        `accepting REJECTED offer ${session} was answered ${answer.status} and left it ${phaseOf(after) ?? '?'}` +
          (pick(answer.facts, 'phase') === undefined ? '' : ` (answer said ${phaseOf(answer)})`),
        { exchanges: [...answer.exchangeIds, ...after.exchangeIds] },
      );
    }
  });

  it('model-based: every update the model says is not offered is refused', async () => {
    await judgeModelRun(ID, 'illegal-update-refused');
  });
});
