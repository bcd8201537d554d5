// The two response media rules differ only in the type asked for: a request whose Accept names
// exactly that one type must get a success answer labelled with it.

import { NOTHING, judged, viewFinding } from './judgement.ts';
import type { ExchangeRule, ExchangeView } from './types.ts';

export type Wanted = 'json' | 'yaml';

/** The single media type an Accept header names, or undefined when it names several or none. */
function onlyType(accept: string | undefined): string | undefined {
  const types = accept?.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase());
  return types?.length === 1 ? types[0] : undefined;
}

function matches(wanted: Wanted, contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  return wanted === 'json'
    ? contentType === 'application/json' || contentType.endsWith('+json')
    : contentType === 'application/yaml';
}

function judgeable(view: ExchangeView, wanted: Wanted): boolean {
  const status = view.status;
  return (
    status !== undefined &&
    status >= 200 &&
    status < 300 &&
    view.headers !== undefined &&
    view.document !== 'empty' &&
    onlyType(view.requestHeaders?.accept) === `application/${wanted}`
  );
}

export function mediaRule(name: string, requirement: string, wanted: Wanted): ExchangeRule {
  return {
    name,
    requirement,
    scope: 'exchange',
    judge(view) {
      if (!judgeable(view, wanted)) return NOTHING;
      if (matches(wanted, view.contentType)) return judged(1);
      return judged(1, [
        viewFinding(
          requirement,
          view,
          `asked for application/${wanted}, got Content-Type ${view.headers?.['content-type'] ?? '(none)'}`,
        ),
      ]);
    },
  };
}
