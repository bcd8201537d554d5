import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { documentsToCheck, expectSchemaClean } from '../harness/documents.ts';
import { pick } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

const ID = '/req/schema/message-valid';
const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'OTHER'];

requirement(ID, () => {
  it('every message validates against the MessageItem schema', async () => {
    const client = new BrokerClient();
    const documents = await documentsToCheck(client);
    for (const sample of documents) {
      const { doc, reply, origin } = sample;
      const messages = pick(doc, 'meta', 'messages');
      if (Array.isArray(messages)) {
        messages.forEach((message, i) => {
          const level = pick(message, 'level');
          if (!LEVELS.includes(level as string)) {
            fail(
              `${origin}: message ${i} has level ${JSON.stringify(level)}, not one of ${LEVELS.join(', ')}`,
              {
                exchanges: [reply.exchange],
                pointer: `/meta/messages/${i}/level`,
              },
            );
          }
        });
      }
      expectSchemaClean(client, ID, sample);
    }
  });
});
