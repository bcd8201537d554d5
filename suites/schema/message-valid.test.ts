import { it } from 'vitest';
import { schemaFindings } from '../harness/checks.ts';
import { BrokerClient } from '../harness/client.ts';
import { sampleDocuments } from '../harness/documents.ts';
import { pick } from '../harness/offers.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';

const ID = '/req/schema/message-valid';
const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'OTHER'];

requirement(ID, () => {
  it('every message validates against the MessageItem schema', async () => {
    const client = new BrokerClient();
    const documents = await sampleDocuments(client);
    if (documents.length === 0) inconclusive('the broker returned no document to validate');
    for (const { type, doc, reply, origin } of documents) {
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
      const finding = schemaFindings(client.context.profile, type, doc).find(
        (f) => f.requirement === ID,
      );
      if (finding !== undefined) {
        fail(`${origin}: ${finding.message}`, {
          exchanges: [reply.exchange],
          ...(finding.pointer === undefined ? {} : { pointer: finding.pointer }),
        });
      }
    }
  });
});
