// Every session a broker returns MUST validate against the profile's execution session schema;
// a success answer to a session read or update that carries anything else breaks it.

import { schemaRule } from './schema-rule.ts';

export const sessionValid = schemaRule(
  'session-valid',
  '/req/schema/session-valid',
  'ExecutionSession',
);
