// With Accept application/yaml, a success answer MUST be YAML with a YAML content type.

import { mediaRule } from './media-rule.ts';

export const yamlResponse = mediaRule('yaml-response', '/req/negotiation/yaml-response', 'yaml');
