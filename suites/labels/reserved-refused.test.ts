// A Docker label whose name starts with the prefix the broker keeps for itself is answered NO,
// with a message that says so: kind urn:reserved-label, or one that names the label.

import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { DECLARATION_DEFAULTS } from '../harness/declaration.ts';
import { pick } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';
import { smallRequest } from '../harness/samples.ts';
import { requireFeature } from '../harness/features.ts';

const ID = '/req/labels/reserved-refused';

function names(message: unknown, label: string): boolean {
  if (pick(message, 'kind') === 'urn:reserved-label') return true;
  const texts = [
    pick(message, 'message'),
    pick(message, 'template'),
    JSON.stringify(pick(message, 'values') ?? null),
  ];
  return texts.some((text) => typeof text === 'string' && text.includes(label));
}

requirement(ID, () => {
  it('a label with the reserved prefix is answered NO with a message naming it', async () => {
    const client = new BrokerClient();
    const { declaration } = client.context;
    requireFeature(client, 'labels');
    const prefix = declaration.reservedLabelPrefix ?? DECLARATION_DEFAULTS.reservedLabelPrefix;
    const label = `${prefix}eb-conform-probe`;
    const request = smallRequest(client, await brokerNow(client));
    (request.executable as Record<string, unknown>).labels = {
      [label]: 'mine',
      team: 'conformance',
    };
    const result = await client.create(request);
    try {
      const answer = result.offerset;
      if (answer === undefined)
        fail(
          `the request was answered ${result.status} without an OfferSet; a reserved label gets NO`,
          {
            exchanges: result.exchanges,
          },
        );
      const outcome = pick(answer, 'result');
      if (outcome !== 'NO')
        fail(`a request with the reserved label ${label} was answered ${String(outcome)}`, {
          exchanges: result.exchanges,
          pointer: '/result',
        });
      const messages = pick(answer, 'meta', 'messages');
      if (!Array.isArray(messages) || !messages.some((message) => names(message, label)))
        fail(
          `the NO carries no message of kind urn:reserved-label, nor one naming ${label} (${Array.isArray(messages) ? messages.length : 0} message(s))`,
          { exchanges: result.exchanges, pointer: '/meta/messages' },
        );
    } finally {
      await client.release(result.offerset);
    }
  });
});
