// With Accept application/json, a success answer MUST be JSON with a JSON content type.

import { mediaRule } from './media-rule.ts';

export const jsonResponse = mediaRule('json-response', '/req/negotiation/json-response', 'json');
