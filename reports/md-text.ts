// Text for GitHub-flavoured Markdown (summary.md, dashboard.md): escaping that survives a
// hostile broker's text in table cells and code spans, and one icon per verdict.

import type { Verdict } from '../contract/result.ts';
import { xmlSafe } from './xml-text.ts';

export const ICON: Record<Verdict, string> = {
  PASS: '✅',
  FAIL: '❌',
  ERROR: '💥',
  WARN: '⚠️',
  NOT_APPLICABLE: '➖',
  INCONCLUSIVE: '❔',
  NOT_OBSERVED: '👁️',
};

/** Table cells cannot hold pipes, newlines or raw HTML. */
export function cell(text: string): string {
  return inline(text).replaceAll('|', '\\|');
}

export function inline(text: string): string {
  return xmlSafe(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Code spans survive any content when the fence is longer than any backtick run inside. */
export function code(text: string): string {
  const flat = xmlSafe(text).replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
