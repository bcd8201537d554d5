// Every OfferSet a broker returns MUST validate against the profile's OfferSetResponse schema;
// a success answer to a create or an offer set read that carries anything else breaks it.

import { schemaRule } from './schema-rule.ts';

export const offersetValid = schemaRule(
  'offerset-valid',
  '/req/schema/offerset-valid',
  'OfferSetResponse',
);
