// Each offer MUST meet the requested minimum number of cores (1 when the request omits it).

import { minimumRule } from './range-rule.ts';

export const coresMin = minimumRule('cores-min', '/req/matching/cores-min', 'cores');
