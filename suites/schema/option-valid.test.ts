import { it } from 'vitest';
import { schemaFindings } from '../harness/checks.ts';
import { BrokerClient } from '../harness/client.ts';
import { sampleDocuments } from '../harness/documents.ts';
import { kindNameIn } from '../../spec/index.ts';
import { pick } from '../harness/offers.ts';
import { fail, inconclusive, requirement } from '../harness/requirement.ts';

const ID = '/req/schema/option-valid';

requirement(ID, () => {
  it('every option has a known option kind and a path', async () => {
    const client = new BrokerClient();
    const documents = await sampleDocuments(client);
    if (documents.length === 0) inconclusive('the broker returned no document to validate');
    for (const { type, doc, reply, origin } of documents) {
      const options = pick(doc, 'meta', 'options');
      if (Array.isArray(options)) {
        options.forEach((option, i) => {
          const kind = pick(option, 'kind');
          const name =
            typeof kind === 'string' ? kindNameIn(client.context.profile, kind) : undefined;
          if (name === undefined || !name.endsWith('-option')) {
            fail(
              `${origin}: option ${i} has kind ${JSON.stringify(kind)}, not an option kind of the profile`,
              {
                exchanges: [reply.exchange],
                pointer: `/meta/options/${i}/kind`,
              },
            );
          }
          if (typeof pick(option, 'path') !== 'string') {
            fail(`${origin}: option ${i} names no path`, {
              exchanges: [reply.exchange],
              pointer: `/meta/options/${i}/path`,
            });
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
