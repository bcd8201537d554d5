// dashboard.html: many runs on one offline page (inline CSS, no script). First a line per
// broker, then the broker x requirement matrix in verdict colours, the requirements that fail
// most across the fleet, and what changed since the previous merge. Every string that came
// from a report is escaped.

import type { Outcome, Verdict } from '../../contract/index.ts';
import { OUTCOME_LABEL, VERDICTS } from '../gate.ts';
import { BASE_STYLE, VERDICT_LABEL, badge, pageHead } from '../style.ts';
import { escapeAttr, escapeText as t } from '../xml-text.ts';
import {
  fleetLine,
  outcomeCounts,
  trendLine,
  type BrokerRow,
  type Dashboard,
  type RequirementColumn,
  type Trend,
  type VerdictChange,
} from './model.ts';

/** Matrix rows beyond this are left to dashboard.json: a page of 25,000 rows helps nobody. */
export const MAX_MATRIX_ROWS = 300;
/** Width of a matrix cell plus its spacing: a class's heading is as wide as its columns. */
const CELL = 15;
/** Broker names listed per requirement in the frequency table before "and N more". */
const NAMES_SHOWN = 8;

const STYLE = `${BASE_STYLE}
header.fleet{background:#1e293b}
.outcome{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.o-conformant{background:var(--pass)}.o-non-conformant{background:var(--fail)}.o-incomplete{background:var(--inc)}.o-unreachable,.o-error{background:var(--error)}
header .outcome{font-size:14px;margin-right:6px;border:1px solid rgba(255,255,255,.5)}
.wrap{overflow-x:auto;background:#fff;border:1px solid var(--line)}
table.grid{border:0;width:auto;border-collapse:separate;border-spacing:2px}
table.grid th,table.grid td{padding:0;border:0}
table.grid th.broker{position:sticky;left:0;background:#fff;padding:0 8px 0 4px;font-weight:600;font-size:12.5px;white-space:nowrap;max-width:220px;overflow:hidden;text-overflow:ellipsis}
table.grid thead th{background:#fff}
table.grid th.cls{font-size:11.5px;font-weight:600;color:var(--muted);border-bottom:2px solid var(--line);text-align:left;padding:0}
table.grid th.cls div{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table.grid th.req{height:150px;vertical-align:bottom;font-weight:400}
table.grid th.req span{writing-mode:vertical-rl;transform:rotate(180deg);font:11px/1 ui-monospace,Menlo,Consolas,monospace;white-space:nowrap;padding:2px 0}
table.grid td{width:13px;min-width:13px;height:16px;border-radius:2px}
table.grid td.absent{background:#f1f5f9}
table.grid td.x,.legend i.x{background-image:linear-gradient(135deg,transparent 42%,#fff 42%,#fff 58%,transparent 58%)}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:8px 0;font-size:12.5px;color:var(--muted)}
.legend i{display:inline-block;width:13px;height:13px;border-radius:2px;vertical-align:-2px;margin-right:4px}
td.num{text-align:right;font-variant-numeric:tabular-nums}
section h3{margin-top:18px}
.worse{color:var(--fail)}.better{color:var(--pass)}
`;

function outcome(value: Outcome): string {
  return `<span class="outcome o-${value}">${t(OUTCOME_LABEL[value])}</span>`;
}

/** "/req/matching/cores-min" -> "cores-min" under its class heading. */
function shortId(column: RequirementColumn): string {
  const prefix = `/req/${column.class}/`;
  return column.id.startsWith(prefix) ? column.id.slice(prefix.length) : column.id;
}

function countsText(counts: Record<Verdict, number>): string {
  return VERDICTS.filter((verdict) => counts[verdict] > 0)
    .map((verdict) => `${counts[verdict]} ${VERDICT_LABEL[verdict]}`)
    .join(', ');
}

function header(dashboard: Dashboard): string {
  const meta: [string, string][] = [
    ['merged', dashboard.generatedAt],
    ['tool', `${dashboard.tool.name} ${dashboard.tool.version}`],
    ...(dashboard.trend === undefined
      ? []
      : [['compared with', `the merge of ${dashboard.trend.previous}`] as [string, string]]),
  ];
  const outcomes = outcomeCounts(dashboard.brokers)
    .map(([value, n]) => `${outcome(value)}<b>${n}</b> `)
    .join(' ');
  return `<header class="verdict fleet"><div class="inner">
<h1 id="fleet">eb-conform fleet</h1>
<p>${t(fleetLine(dashboard))}</p><p>${outcomes}</p>
<dl class="meta">${meta.map(([k, v]) => `<dt>${t(k)}</dt><dd>${t(v)}</dd>`).join('')}</dl>
</div></header>`;
}

function changeNote(row: BrokerRow, trend: Trend): string {
  if (trend.added.includes(row.name)) return 'new';
  const worse = trend.worse.filter((change) => change.name === row.name).length;
  const better = trend.better.filter((change) => change.name === row.name).length;
  const parts = [
    worse > 0 ? `<span class="worse">▼ ${worse} worse</span>` : '',
    better > 0 ? `<span class="better">▲ ${better} fixed</span>` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'no change' : parts.join(' ');
}

function brokerTable(dashboard: Dashboard): string {
  const rows = dashboard.brokers.map((row) => {
    const name =
      row.report === undefined
        ? t(row.name)
        : `<a href="${escapeAttr(row.report)}">${t(row.name)}</a>`;
    return `<tr id="${escapeAttr(`broker-${row.name}`)}"><td><b>${name}</b><div class="small">${t(row.target)}</div></td><td>${outcome(row.outcome)}</td><td>${t(countsText(row.counts) || 'nothing run')}${row.expected.length > 0 ? `<div class="small">${row.expected.length} expected failure${row.expected.length === 1 ? '' : 's'}</div>` : ''}</td><td>${t(row.profile)}</td><td>${t(row.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</td>${dashboard.trend === undefined ? '' : `<td>${changeNote(row, dashboard.trend)}</td>`}</tr>`;
  });
  return `<section id="brokers"><h2>Brokers (${dashboard.brokers.length})</h2><table><thead><tr><th>broker</th><th>verdict</th><th>requirements</th><th>profile</th><th>run started (UTC)</th>${dashboard.trend === undefined ? '' : '<th>since last merge</th>'}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function matrix(dashboard: Dashboard): string {
  const columns = dashboard.requirements;
  if (columns.length === 0 || dashboard.brokers.length === 0)
    return '<section id="matrix"><h2>Requirements by broker</h2><p class="note">No requirement was run.</p></section>';
  const classes: { name: string; span: number }[] = [];
  for (const column of columns) {
    const last = classes.at(-1);
    if (last?.name === column.class) last.span += 1;
    else classes.push({ name: column.class, span: 1 });
  }
  const head = `<tr><th></th>${classes.map((c) => `<th class="cls" colspan="${c.span}" title="${escapeAttr(c.name)}"><div style="width:${c.span * CELL - 2}px">${t(c.name)}</div></th>`).join('')}</tr><tr><th></th>${columns.map((c) => `<th class="req" title="${escapeAttr(`${c.id} (${c.level}): ${c.statement}`)}"><span>${t(shortId(c))}</span></th>`).join('')}</tr>`;
  const shown = dashboard.brokers.slice(0, MAX_MATRIX_ROWS);
  const body = shown.map((row) => {
    const expected = new Set(row.expected);
    const cells = columns.map((column) => {
      const verdict = row.verdicts[column.id];
      if (verdict === undefined)
        return `<td class="absent" title="${escapeAttr(`${row.name}: ${column.id} not run`)}"></td>`;
      const excused = expected.has(column.id);
      return `<td class="s-${verdict}${excused ? ' x' : ''}" title="${escapeAttr(`${row.name}: ${column.id} ${verdict}${excused ? ' (expected)' : ''}`)}"></td>`;
    });
    return `<tr><th class="broker" title="${escapeAttr(row.target)}">${t(row.name)}</th>${cells.join('')}</tr>`;
  });
  const cut =
    dashboard.brokers.length > shown.length
      ? `<p class="small">Showing the ${shown.length} brokers with the worst verdicts of ${dashboard.brokers.length}; dashboard.json has them all.</p>`
      : '';
  // The legend lists what the matrix shows, nothing more.
  const present = new Set(shown.flatMap((row) => Object.values(row.verdicts)));
  const excused = shown.some((row) => row.expected.length > 0);
  const absent = shown.some((row) =>
    columns.some((column) => row.verdicts[column.id] === undefined),
  );
  const legend = `<div class="legend">${VERDICTS.filter((v) => present.has(v))
    .map((v) => `<span><i class="s-${v}"></i>${t(VERDICT_LABEL[v])}</span>`)
    .join(
      '',
    )}${excused ? '<span><i class="s-FAIL x"></i>expected failure</span>' : ''}${absent ? '<span><i style="background:#f1f5f9"></i>not run</span>' : ''}</div>`;
  return `<section id="matrix"><h2>Requirements by broker</h2><p class="small">One row per broker, one column per requirement, in verdict colours; hover a cell for its requirement.</p><div class="wrap"><table class="grid"><thead>${head}</thead><tbody>${body.join('')}</tbody></table></div>${legend}${cut}</section>`;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, NAMES_SHOWN).map((name) => t(name));
  const more = list.length > NAMES_SHOWN ? ` and ${list.length - NAMES_SHOWN} more` : '';
  return `${shown.join(', ')}${more}`;
}

function frequencyTable(dashboard: Dashboard): string {
  if (dashboard.frequency.length === 0)
    return '<section id="failures"><h2>Most frequent failures</h2><p class="note">No requirement failed or warned on any broker.</p></section>';
  const rows = dashboard.frequency.map(
    (row) =>
      `<tr><td><code>${t(row.id)}</code><div class="small">${t(row.statement)}</div></td><td>${t(row.level)}</td><td class="num">${row.failing.length}</td><td class="num">${row.warning.length}</td><td>${names([...row.failing, ...row.warning])}</td></tr>`,
  );
  return `<section id="failures"><h2>Most frequent failures</h2><p class="small">Requirements that failed (FAIL or ERROR) or warned on at least one of the ${dashboard.brokers.length} brokers, most failing first.</p><table><thead><tr><th>requirement</th><th>level</th><th>brokers failing</th><th>brokers warning</th><th>which</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function changeRows(changes: readonly VerdictChange[]): string {
  return changes
    .map(
      (c) =>
        `<tr><td>${t(c.name)}</td><td><code>${t(c.id)}</code></td><td>${c.before === 'absent' ? 'not run' : badge(c.before)}</td><td>${c.after === 'absent' ? 'not run' : badge(c.after)}</td></tr>`,
    )
    .join('');
}

function trendSection(dashboard: Dashboard): string {
  const trend = dashboard.trend;
  if (trend === undefined)
    return '<section id="changes"><h2>Changes since the previous merge</h2><p class="note">No previous merge was given (--previous), so there is nothing to compare with.</p></section>';
  const lists = [
    trend.added.length > 0 ? `<p>New brokers: ${names(trend.added)}.</p>` : '',
    trend.removed.length > 0 ? `<p>No longer in the fleet: ${names(trend.removed)}.</p>` : '',
  ].join('');
  const outcomes =
    trend.outcomes.length === 0
      ? ''
      : `<h3>Verdicts that changed</h3><table><thead><tr><th>broker</th><th>was</th><th>is</th></tr></thead><tbody>${trend.outcomes.map((o) => `<tr><td>${t(o.name)}</td><td>${outcome(o.before)}</td><td>${outcome(o.after)}</td></tr>`).join('')}</tbody></table>`;
  const table = (title: string, changes: readonly VerdictChange[]): string =>
    changes.length === 0
      ? ''
      : `<h3>${t(title)} (${changes.length})</h3><table><thead><tr><th>broker</th><th>requirement</th><th>was</th><th>is</th></tr></thead><tbody>${changeRows(changes)}</tbody></table>`;
  const nothing =
    lists === '' && outcomes === '' && trend.worse.length + trend.better.length === 0
      ? '<p class="note">Nothing changed.</p>'
      : '';
  return `<section id="changes"><h2>Changes since the merge of ${t(trend.previous)}</h2><p>${t(trendLine(trend))}.</p>${lists}${outcomes}${table('Worse', trend.worse)}${table('Fixed', trend.better)}${nothing}</section>`;
}

function unreadableSection(dashboard: Dashboard): string {
  if (dashboard.unreadable.length === 0) return '';
  return `<section id="unreadable"><h2>Inputs that could not be read (${dashboard.unreadable.length})</h2><table><thead><tr><th>input</th><th>why</th></tr></thead><tbody>${dashboard.unreadable.map((u) => `<tr><td><code>${t(u.source)}</code></td><td><pre style="margin:0;white-space:pre-wrap">${t(u.message)}</pre></td></tr>`).join('')}</tbody></table></section>`;
}

export function renderDashboardHtml(dashboard: Dashboard): string {
  return `${pageHead(`eb-conform fleet: ${fleetLine(dashboard)}`, STYLE)}
${header(dashboard)}
<nav><a href="#brokers">brokers</a><a href="#matrix">matrix</a><a href="#failures">most frequent failures</a><a href="#changes">changes</a>${dashboard.unreadable.length > 0 ? '<a href="#unreadable">unreadable</a>' : ''}</nav>
<main>
${brokerTable(dashboard)}
${matrix(dashboard)}
${frequencyTable(dashboard)}
${trendSection(dashboard)}
${unreadableSection(dashboard)}
<footer>Merged by ${t(dashboard.tool.name)} ${t(dashboard.tool.version)} (dashboard version ${t(dashboard.dashboardVersion)}). Full data: dashboard.json; each broker's own report is linked from its name.</footer>
</main>
</body>
</html>
`;
}
