import { randomUUID } from 'node:crypto';
import { it } from 'vitest';
import { BrokerClient, type Reply } from '../harness/client.ts';
import { validatorFor } from '../harness/checks.ts';
import { expectCheck, inconclusive, requirement } from '../harness/requirement.ts';

requirement('/req/robustness/error-body', () => {
  it('client errors carry a body in the error shape, with a code and a message', async () => {
    const client = new BrokerClient();
    const replies: Reply[] = [
      await client.getSession(randomUUID()),
      await client.raw('POST', client.paths.create, {
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: '{"compute": ',
      }),
    ];
    const errors = replies.filter((reply) => reply.status >= 400 && reply.status < 500);
    if (errors.length === 0)
      inconclusive(
        'none of the bad requests got a 4xx answer, so there was no error body to check',
      );
    for (const reply of errors) {
      expectCheck(
        reply.body !== undefined,
        `the ${reply.status} answer has no readable body${reply.parseError ? ` (${reply.parseError})` : ''}`,
        {
          exchanges: [reply.exchange],
        },
      );
      const { issues } = validatorFor(client.context.profile).validate('ErrorResponse', reply.body);
      const [issue] = issues;
      expectCheck(
        issue === undefined,
        `the ${reply.status} error body is not in the error shape: ${issue?.message ?? ''} at ${issue?.pointer || '(root)'}`,
        {
          exchanges: [reply.exchange],
          ...(issue === undefined ? {} : { pointer: issue.pointer }),
        },
      );
    }
  });
});
