// A broker SHOULD NOT offer more cores than the requested maximum.

import { maximumRule } from './range-rule.ts';

export const coresMax = maximumRule('cores-max', '/req/matching/cores-max', 'cores');
