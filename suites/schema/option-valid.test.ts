import { it } from 'vitest';
import { BrokerClient } from '../harness/client.ts';
import { documentsToCheck, expectSchemaClean } from '../harness/documents.ts';
import { kindNameIn } from '../../spec/index.ts';
import { pick } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

const ID = '/req/schema/option-valid';

requirement(ID, () => {
  it('every option has a known option kind and a path', async () => {
    const client = new BrokerClient();
    const documents = await documentsToCheck(client);
    for (const sample of documents) {
      const { doc, reply, origin } = sample;
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
      expectSchemaClean(client, ID, sample);
    }
  });
});
