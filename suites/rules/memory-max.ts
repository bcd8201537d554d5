// A broker SHOULD NOT offer more memory than the requested maximum.

import { maximumRule } from './range-rule.ts';

export const memoryMax = maximumRule('memory-max', '/req/matching/memory-max', 'memory');
