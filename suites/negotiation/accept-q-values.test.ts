import { it } from 'vitest';
import { isJsonType, isYamlType } from '../harness/client.ts';
import { negotiate, describeType } from '../harness/negotiation.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';

const CASES = [
  { accept: 'application/json;q=0.4, application/yaml;q=0.9', wants: 'yaml' },
  { accept: 'application/yaml;q=0.2, application/json', wants: 'json' },
  { accept: 'text/html, application/json;q=0.1, application/yaml;q=0.8', wants: 'yaml' },
] as const;

requirement('/req/negotiation/accept-q-values', () => {
  for (const { accept, wants } of CASES) {
    it(`Accept "${accept}" is served ${wants.toUpperCase()}`, async () => {
      const { result, answer } = await negotiate(accept);
      expectCheck(
        answer !== undefined && answer.status === 200,
        `expected an OfferSet, got ${describeType(answer)}`,
        { exchanges: result.exchanges },
      );
      const served = isYamlType(answer.contentType)
        ? 'yaml'
        : isJsonType(answer.contentType)
          ? 'json'
          : 'other';
      expectCheck(
        served === wants,
        `Accept "${accept}" prefers ${wants.toUpperCase()}, the answer came as ${describeType(answer)}`,
        {
          exchanges: [answer.exchange],
        },
      );
    });
  }
});
