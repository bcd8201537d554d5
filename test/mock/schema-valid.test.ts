import { describe, expect, it } from 'vitest';
import { createValidator } from '../../spec/index.ts';
import { createOffers, dockerRequest, KIND, send, withBroker } from './http-helpers.ts';

const STORAGE_V107 =
  'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/storage/simple-storage-resource.yaml';
const VOLUME_V107 =
  'https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/volume/simple-volume-mount.yaml';

function richRequest() {
  return dockerRequest({
    meta: { name: 'rich' },
    compute: {
      kind: KIND.compute,
      cores: { min: 2, max: 4 },
      memory: { min: 2, max: 8 },
      volumes: [{ kind: VOLUME_V107, path: '/work', mode: 'READWRITE', resource: 'scratch' }],
    },
    storage: [{ kind: STORAGE_V107, meta: { name: 'scratch' }, size: { min: 10, max: 20 } }],
    schedule: { requested: { duration: 'PT30M' } },
  });
}

describe.each(['v1.0.7', 'v1.0.5'] as const)(
  'responses validate against the spec (%s)',
  (profile) => {
    const validator = createValidator({ profile });
    const createPath = profile === 'v1.0.7' ? '/requests' : '/offersets';

    it('offer sets (YES and NO), sessions in several phases, and errors', async () => {
      await withBroker({ profile, clock: 'virtual', control: true }, async (broker) => {
        const yes = await createOffers(broker.url, richRequest(), createPath);
        const no = await createOffers(
          broker.url,
          dockerRequest({ compute: { kind: KIND.compute, cores: { min: 4, max: 1 } } }),
          createPath,
        );
        for (const set of [yes.body, no.body])
          expect(validator.validate('OfferSetResponse', set).issues).toEqual([]);
        const [first, second] = yes.body.offers;
        const accepted = await send(first.meta.url, {
          body: { kind: 'uri:enum-value-update', path: 'phase', value: 'ACCEPTED' },
        });
        await send(`${broker.url}/_control/advance`, { body: { seconds: 600 } });
        for (const url of [first.meta.url, second.meta.url]) {
          const session = await send(url);
          expect(validator.validate('ExecutionSession', session.body).issues).toEqual([]);
        }
        expect(validator.validate('ExecutionSession', accepted.body).issues).toEqual([]);
        const errors = [
          await send(`${broker.url}/sessions/nope`),
          await send(`${broker.url}${createPath}`, {
            raw: '{',
            headers: { 'content-type': 'application/json' },
          }),
          await send(`${broker.url}${createPath}`, { body: { compute: 3 } }),
        ];
        for (const error of errors)
          expect(validator.validate('ErrorResponse', error.body).issues).toEqual([]);
      });
    });
  },
);
