import { it } from 'vitest';
import { isYamlType } from '../harness/client.ts';
import { negotiate, describeType } from '../harness/negotiation.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';

requirement('/req/negotiation/yaml-default', () => {
  for (const accept of [undefined, 'application/json, application/yaml']) {
    it(`with ${accept === undefined ? 'no Accept header' : `Accept "${accept}"`} the answer is YAML`, async () => {
      const { result, answer } = await negotiate(accept);
      expectCheck(
        answer !== undefined && answer.status === 200,
        `expected an OfferSet, got ${describeType(answer)}`,
        { exchanges: result.exchanges },
      );
      expectCheck(
        isYamlType(answer.contentType),
        `the default should be YAML, the answer came as ${describeType(answer)}`,
        {
          exchanges: [answer.exchange],
        },
      );
    });
  }
});
