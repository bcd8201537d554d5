import { it } from 'vitest';
import { isJsonType } from '../harness/client.ts';
import { negotiate, describeType } from '../harness/negotiation.ts';
import { expectCheck, requirement } from '../harness/requirement.ts';

requirement('/req/negotiation/json-response', () => {
  it('with Accept application/json the answer is JSON with a JSON content type', async () => {
    const { result, answer } = await negotiate('application/json');
    expectCheck(
      answer !== undefined && answer.status === 200,
      `expected an OfferSet, got ${describeType(answer)}`,
      { exchanges: result.exchanges },
    );
    expectCheck(
      isJsonType(answer.contentType),
      `asked for application/json, got ${describeType(answer)}`,
      { exchanges: [answer.exchange] },
    );
    let parsed = true;
    try {
      JSON.parse(answer.text ?? '');
    } catch {
      parsed = false;
    }
    expectCheck(parsed, 'the body labelled JSON does not parse as JSON', {
      exchanges: [answer.exchange],
    });
  });
});
