// The labels of a Docker executable come back in every offer, name for name, value for value.

import { it } from 'vitest';
import { brokerNow } from '../harness/clock.ts';
import { BrokerClient } from '../harness/client.ts';
import { pick } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';
import { createOffers, smallRequest } from '../harness/samples.ts';
import { requireFeature } from '../harness/features.ts';

const ID = '/req/labels/echoed';
/** Names of several shapes a container runtime accepts; none with the reserved prefix. */
const LABELS = {
  team: 'conformance',
  'eb-conform.probe': 'labels-echoed',
  'example.org/component': 'probe',
  empty: '',
};

requirement(ID, () => {
  it('every offer echoes the labels of the requested Docker container', async () => {
    const client = new BrokerClient();
    requireFeature(client, 'labels');
    const request = smallRequest(client, await brokerNow(client));
    (request.executable as Record<string, unknown>).labels = LABELS;
    const { offers, offerset, result } = await createOffers(client, request);
    try {
      offers.forEach((offer, index) => {
        const labels = pick(offer, 'executable', 'labels');
        for (const [name, value] of Object.entries(LABELS)) {
          const echoed = pick(labels, name);
          if (echoed !== value)
            fail(
              `offer ${index} gives label ${name} as ${JSON.stringify(echoed) ?? 'nothing'}; the request set it to ${JSON.stringify(value)}`,
              { exchanges: result.exchanges, pointer: `/offers/${index}/executable/labels` },
            );
        }
      });
    } finally {
      await client.release(offerset);
    }
  });
});
