import { it } from 'vitest';
import { forEachOffer } from '../harness/offer-property.ts';
import { pick } from '../harness/offers.ts';
import { fail, requirement } from '../harness/requirement.ts';

requirement('/req/matching/executable-echoed', () => {
  it('every offer describes the requested executable, with the same kind', async () => {
    await forEachOffer(({ request, offer, index, result }) => {
      const wanted = pick(request, 'executable', 'kind');
      const given = pick(offer, 'executable', 'kind');
      if (given !== wanted) {
        fail(
          given === undefined
            ? `offer ${index} does not describe the executable it would run`
            : `offer ${index} describes an executable of kind ${String(given)}, the request asked for ${String(wanted)}`,
          { pointer: `/offers/${index}/executable`, exchanges: result.exchanges },
        );
      }
    });
  });
});
