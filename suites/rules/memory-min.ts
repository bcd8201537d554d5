// Each offer MUST meet the requested minimum memory (1 GiB when the request omits it).

import { minimumRule } from './range-rule.ts';

export const memoryMin = minimumRule('memory-min', '/req/matching/memory-min', 'memory');
