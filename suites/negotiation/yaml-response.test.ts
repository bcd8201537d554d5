import { it } from 'vitest';
import { isYamlType } from '../harness/client.ts';
import { negotiate, describeType } from '../harness/negotiation.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';

requirement('/req/negotiation/yaml-response', () => {
  it('with Accept application/yaml the answer is YAML with a YAML content type', async () => {
    const { result, answer } = await negotiate('application/yaml');
    expectCheck(
      answer !== undefined && answer.status === 200,
      `expected an OfferSet, got ${describeType(answer)}`,
      { exchanges: result.exchanges },
    );
    expectCheck(
      isYamlType(answer.contentType),
      `asked for application/yaml, got ${describeType(answer)}`,
      { exchanges: [answer.exchange] },
    );
    expectCheck(
      answer.body !== undefined,
      `the body labelled YAML does not parse as YAML${answer.parseError ? `: ${answer.parseError}` : ''}`,
      {
        exchanges: [answer.exchange],
      },
    );
  });
});
