// Which requests no broker may answer YES (/req/offerset/invalid-never-yes). Only the cases
// the requirement names are classified: min greater than max, zero or negative sizes, a start
// interval that is reversed or wholly in the past, and a duration that is not a positive ISO
// 8601 duration. Anything merely odd (a string where a number belongs, a huge size) is left
// unclassified: a broker may read it leniently, it must only never fail with a 5xx.

import { durationMs, instantMs, intervalBounds, pick } from '../history/time.ts';

function rangeProblems(value: unknown, what: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const min = pick(value, 'min');
  const max = pick(value, 'max');
  const problems: string[] = [];
  for (const [bound, v] of [
    ['min', min],
    ['max', max],
  ] as const) {
    if (typeof v === 'number' && v <= 0) problems.push(`${what}.${bound} is ${v}`);
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    problems.push(`${what}.min ${min} > max ${max}`);
  return problems;
}

/** Why a request can never be met; empty when it might be. `now` is the broker's clock. */
export function invalidReasons(request: unknown, now: number): string[] {
  const reasons = [
    ...rangeProblems(pick(request, 'compute', 'cores'), 'cores'),
    ...rangeProblems(pick(request, 'compute', 'memory'), 'memory'),
  ];
  const storage = pick(request, 'storage');
  if (Array.isArray(storage))
    storage.forEach((item, i) =>
      reasons.push(...rangeProblems(pick(item, 'size'), `storage[${i}].size`)),
    );
  const duration = pick(request, 'schedule', 'requested', 'duration');
  if (typeof duration === 'string') {
    const ms = /^-/.test(duration) ? -1 : durationMs(duration);
    if (ms === undefined || ms <= 0)
      reasons.push(`duration ${JSON.stringify(duration)} is not a positive duration`);
  }
  const start = pick(request, 'schedule', 'requested', 'start');
  if (typeof start === 'string' && start.includes('/')) {
    const [left, right] = start.split('/');
    const from = instantMs(left);
    const to = instantMs(right);
    if (from !== undefined && to !== undefined && to < from)
      reasons.push(`start interval ${start} ends before it begins`);
    const bounds = intervalBounds(start);
    if (bounds !== undefined && bounds.latest < now)
      reasons.push(`start interval ${start} is wholly in the past`);
  }
  return reasons;
}
