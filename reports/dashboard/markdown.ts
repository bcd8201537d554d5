// dashboard.md: the fleet for a CI step summary. The line per broker, the requirements that
// fail most, and the trend; the matrix is too wide for Markdown and lives in dashboard.html.

import { OUTCOME_LABEL, VERDICTS } from '../gate.ts';
import { ICON, cell, code } from '../md-text.ts';
import { VERDICT_LABEL } from '../style.ts';
import { fleetLine, trendLine, type BrokerRow, type Dashboard } from './model.ts';

/** Rows per table: a step summary has a size limit (1 MiB on GitHub). */
const MAX_ROWS = 100;

function counts(row: BrokerRow): string {
  return (
    VERDICTS.filter((verdict) => row.counts[verdict] > 0)
      .map((verdict) => `${ICON[verdict]} ${row.counts[verdict]} ${VERDICT_LABEL[verdict]}`)
      .join(' · ') || 'nothing run'
  );
}

function cut(total: number, shown: number, what: string): string[] {
  return total > shown ? ['', `… and ${total - shown} more ${what} in dashboard.json.`] : [];
}

export function renderDashboardMarkdown(dashboard: Dashboard): string {
  const lines = [`## eb-conform fleet: ${cell(fleetLine(dashboard))}`, ''];
  const brokers = dashboard.brokers.slice(0, MAX_ROWS);
  if (brokers.length > 0) {
    lines.push(
      '| broker | verdict | requirements | profile | started (UTC) |',
      '| --- | --- | --- | --- | --- |',
      ...brokers.map(
        (row) =>
          `| ${cell(row.name)} | ${cell(OUTCOME_LABEL[row.outcome])} | ${counts(row)} | ${cell(row.profile)} | ${cell(row.startedAt)} |`,
      ),
      ...cut(dashboard.brokers.length, brokers.length, 'brokers'),
      '',
    );
  }
  const frequent = dashboard.frequency.slice(0, 20);
  lines.push('### Most frequent failures', '');
  if (frequent.length === 0) lines.push('No requirement failed or warned on any broker.', '');
  else
    lines.push(
      '| requirement | level | failing | warning |',
      '| --- | --- | ---: | ---: |',
      ...frequent.map(
        (row) =>
          `| ${code(row.id)} | ${row.level} | ${row.failing.length} | ${row.warning.length} |`,
      ),
      ...cut(dashboard.frequency.length, frequent.length, 'requirements'),
      '',
    );
  const trend = dashboard.trend;
  if (trend !== undefined) {
    lines.push(
      `### Since the merge of ${cell(trend.previous)}`,
      '',
      `${trendLine(trend)}.`,
      '',
      ...trend.outcomes
        .slice(0, MAX_ROWS)
        .map(
          (o) =>
            `- ${cell(o.name)}: ${cell(OUTCOME_LABEL[o.before])} → ${cell(OUTCOME_LABEL[o.after])}`,
        ),
      ...trend.worse
        .slice(0, MAX_ROWS)
        .map((c) => `- ❌ ${cell(c.name)} ${code(c.id)}: ${c.before} → ${c.after}`),
      '',
    );
  }
  if (dashboard.unreadable.length > 0) {
    lines.push(
      `### Inputs that could not be read (${dashboard.unreadable.length})`,
      '',
      ...dashboard.unreadable
        .slice(0, MAX_ROWS)
        .map((u) => `- ${code(u.source)}: ${cell(u.message.split('\n')[0] ?? '')}`),
      '',
    );
  }
  lines.push('The broker × requirement matrix is in dashboard.html.', '');
  return lines.join('\n');
}
