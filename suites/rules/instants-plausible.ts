// Instants a broker reports are readings of a working clock: none lies before 1990 (an unset
// clock or an epoch-zero default), and no expiry or schedule instant of a component lies before
// that component's own `meta.created` (less the clock skew). Judged per instant seen.

import { judgedDocument } from './documents.ts';
import { NOTHING, judged, viewFinding } from './judgement.ts';
import { instantMs, intervalBounds, pick } from './readers.ts';
import type { ExchangeRule, Finding } from './types.ts';

const ID = '/req/schema/instants-plausible';
const EARLIEST = Date.parse('1990-01-01T00:00:00Z');
const INSTANT_FIELDS = new Set(['created', 'modified', 'expires', 'start', 'time']);
const BOUND_BY_CREATION = [
  ['expires'],
  ['schedule', 'preparing', 'start'],
  ['schedule', 'available', 'start'],
  ['schedule', 'releasing', 'start'],
];

/** The earliest instant a field's value names (an instant, or the first end of an interval). */
function earliest(value: unknown): number | undefined {
  return instantMs(value) ?? intervalBounds(value)?.earliest;
}

export const instantsPlausible: ExchangeRule = {
  name: 'instants-plausible',
  requirement: ID,
  scope: 'exchange',
  judge(view, { skewMs }) {
    const document = judgedDocument(view);
    if (document === undefined || document === 'wrong') return NOTHING;
    const findings: Finding[] = [];
    let count = 0;
    const visit = (node: unknown, pointer: string, depth: number): void => {
      if (typeof node !== 'object' || node === null || depth > 32) return;
      const entries: [string, unknown][] = Array.isArray(node)
        ? node.map((v, i) => [String(i), v])
        : Object.entries(node);
      for (const [key, value] of entries) {
        const here = `${pointer}/${key}`;
        if (typeof value === 'object') {
          visit(value, here, depth + 1);
          continue;
        }
        if (!INSTANT_FIELDS.has(key)) continue;
        const at = earliest(value);
        if (at === undefined) continue;
        count += 1;
        if (at < EARLIEST)
          findings.push(
            viewFinding(
              ID,
              view,
              `${key} is ${String(value)}, before 1990: not a reading of a working clock`,
              here,
            ),
          );
      }
      const created = instantMs(pick(node, 'meta', 'created'));
      if (created === undefined || Array.isArray(node)) return;
      for (const path of BOUND_BY_CREATION) {
        const value = pick(node, ...path);
        const at = earliest(value);
        if (at === undefined || at < EARLIEST || at >= created - skewMs) continue;
        findings.push(
          viewFinding(
            ID,
            view,
            `${path.join('.')} is ${String(value)}, before the component's own meta.created ${String(pick(node, 'meta', 'created'))}`,
            `${pointer}/${path.join('/')}`,
          ),
        );
      }
    };
    visit(document.doc, '', 0);
    return count === 0 ? NOTHING : judged(count, findings);
  },
};
