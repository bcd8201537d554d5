// report.html: one self-contained page (inline CSS and SVG, no script, no fonts or images from
// elsewhere) that reads well offline and in a CI artefact viewer. Order: the verdict, the
// classes, the requirement matrix, each problem with its exchanges, then the pictures.
// Every string that came from the target or the run is escaped.

import type { Exchange, RequirementResult, RunResult, Verdict } from '../contract/result.ts';
import {
  MAX_TIMELINE_ROWS,
  capacitySvg,
  phaseHistorySvg,
  phasesNeedOwnChart,
  timelineSvg,
} from './charts.ts';
import {
  evidenceExchangeIds,
  exchangeIndex,
  failingCases,
  formatCounterexample,
  formatRequest,
  formatResponse,
  seedNote,
} from './evidence.ts';
import {
  blocksGate,
  countVerdicts,
  isExpectedFailure,
  problemRequirements,
  staleExpectations,
} from '../contract/index.ts';
import {
  OUTCOME_LABEL,
  bySeverity,
  runDurationSeconds,
  runProblem,
  transportFailures,
  verdictDetails,
} from './gate.ts';
import { replayHint } from './replay-hint.ts';
import { BASE_STYLE, VERDICT_LABEL, badge, pageHead } from './style.ts';
import { escapeAttr, escapeText as t } from './xml-text.ts';

export interface HtmlOptions {
  reportPath?: string;
  exchangeNote?: string;
}

/** Exchanges shown per problem; the HAR file has them all. */
const MAX_EXCHANGES_SHOWN = 6;

const STYLE = `${BASE_STYLE}
header a.jump{color:#fff;font-weight:600}
pre{background:#0f172a;color:#e2e8f0;padding:10px 12px;border-radius:6px;overflow:auto;max-height:420px;white-space:pre-wrap;word-break:break-word}
.classes{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card h3{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:4px 6px}
.bar{display:flex;height:8px;border-radius:4px;overflow:hidden;background:var(--line);margin:6px 0 4px}
.bar span{display:block;height:100%}
.matrix{display:flex;flex-wrap:wrap;gap:3px;margin:4px 0 10px}
.matrix a{display:block;width:16px;height:16px;border-radius:3px}
tr.problem td{background:#fff7f7}
label.filter{display:block;margin:0 0 6px;font-size:13.5px;color:var(--muted)}
main:has(#hide-passing:checked) #matrix tr.ok{display:none}
article.problem{background:#fff;border:1px solid var(--line);border-left:5px solid var(--fail);border-radius:6px;padding:12px 14px;margin:0 0 14px}
article.problem.v-WARN{border-left-color:var(--warn)} article.problem.v-ERROR{border-left-color:var(--error)} article.problem.expected{border-left-color:var(--na)}
article .evidence{margin:6px 0;padding-left:18px}
details{margin:6px 0} summary{cursor:pointer;font-weight:600;font-size:13.5px}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.pair h4{margin:4px 0;font-size:12.5px;color:var(--muted)}
@media (max-width:800px){.pair{grid-template-columns:1fr}}
.chart{max-width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:6px}
.chart .grid{stroke:#e2e8f0}.chart .tick{font-size:11px;fill:#475569}.chart .row-label{font-size:11px;fill:#0f172a;font-family:ui-monospace,Menlo,Consolas,monospace}
.chart .legend{font-size:11.5px;fill:#0f172a}.chart .window{fill:url(#hatch);stroke:#2563eb;stroke-dasharray:2 2}.chart .slot{fill:#1e3a8a}
.chart .limit{stroke:#b91c1c;stroke-dasharray:6 3;stroke-width:1.5}.chart .over{fill:#fee2e2}.chart .limit-label{fill:#b91c1c}
.chart .baseline{stroke:#94a3b8}.chart .break-mark{stroke:#64748b;stroke-width:1.5;fill:none}
`;

function anchor(id: string): string {
  return `req-${id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+/, '')}`;
}

/** Catalogue statements mark field names with backticks; show them as code. */
function prose(text: string): string {
  return t(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function header(result: RunResult): string {
  const meta: [string, string][] = [
    ['target', `${result.target}${result.builtIn ? ' (built-in reference broker)' : ''}`],
    ['profile', result.profile],
    ['seed', `${result.seed} (${result.runs} runs per property)`],
    ['started', `${result.startedAt} (${runDurationSeconds(result).toFixed(1)} s)`],
    ['tool', `${result.tool.name} ${result.tool.version}`],
    ['spec', result.specHash],
    ['command', result.command],
  ];
  const blocking = result.requirements.filter((req) => blocksGate(req, result.failOn)).length;
  const jump =
    blocking === 0
      ? ''
      : `<p><a class="jump" href="#failures">${blocking} blocking problem${blocking === 1 ? '' : 's'}: see the failures</a></p>`;
  return `<header class="verdict ${escapeAttr(result.outcome)}"><div class="inner">
<h1 id="verdict">${t(OUTCOME_LABEL[result.outcome])}</h1>
<p>${t(verdictDetails(result))}</p>${jump}
<dl class="meta">${meta.map(([k, v]) => `<dt>${t(k)}</dt><dd>${t(v)}</dd>`).join('')}</dl>
</div></header>`;
}

function classCards(result: RunResult): string {
  const cards = result.classes.map((cls) => {
    const reqs = result.requirements.filter((req) => req.class === cls.name);
    const counts = countVerdicts(reqs);
    const total = Math.max(1, reqs.length);
    const segments = (Object.keys(counts) as Verdict[])
      .filter((v) => counts[v] > 0)
      .map(
        (v) =>
          `<span class="s-${v}" style="width:${((100 * counts[v]) / total).toFixed(2)}%" title="${counts[v]} ${VERDICT_LABEL[v]}"></span>`,
      )
      .join('');
    const summary = (Object.keys(counts) as Verdict[])
      .filter((v) => counts[v] > 0)
      .map((v) => `${counts[v]} ${VERDICT_LABEL[v]}`)
      .join(' · ');
    const squares = reqs
      .map(
        (req) =>
          `<a href="#${anchor(req.id)}" class="s-${req.verdict}" title="${escapeAttr(`${req.id}: ${req.verdict}`)}"></a>`,
      )
      .join('');
    return `<div class="card"><h3><span>${t(cls.name)}</span>${badge(cls.verdict)}</h3><div class="bar">${segments}</div><div class="small">${t(summary || 'no requirements run')}</div><div class="matrix">${squares}</div></div>`;
  });
  return `<section id="classes"><h2>Conformance classes</h2><div class="classes">${cards.join('')}</div></section>`;
}

function verdictCell(req: RequirementResult): string {
  const note = isExpectedFailure(req)
    ? `<div class="small">expected: ${t(req.expected?.reason ?? '')}</div>`
    : req.expected?.stale === true
      ? `<div class="small">stale expectation: now passes</div>`
      : '';
  return `${badge(req.verdict)}${note}`;
}

function matrix(result: RunResult): string {
  const rows = result.requirements.map((req) => {
    const kind = blocksGate(req, result.failOn)
      ? 'problem'
      : req.verdict === 'PASS'
        ? 'ok'
        : 'other';
    const link =
      req.verdict === 'PASS' ? t(req.id) : `<a href="#${anchor(req.id)}-detail">${t(req.id)}</a>`;
    return `<tr id="${anchor(req.id)}" class="${kind}"><td>${t(req.class)}</td><td><code>${link}</code></td><td>${t(req.level)}</td><td>${verdictCell(req)}</td><td>${req.cases.length}</td><td title="${escapeAttr(req.source)}">${prose(req.statement)}</td></tr>`;
  });
  // A CSS-only filter: works without script, and a browser without :has() just shows everything.
  const filter =
    '<label class="filter"><input type="checkbox" id="hide-passing"> hide passing requirements</label>';
  return `<section id="matrix"><h2>Requirements</h2>${filter}<table><thead><tr><th>class</th><th>requirement</th><th>level</th><th>verdict</th><th>cases</th><th>statement</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function exchangeBlock(exchange: Exchange, open: boolean): string {
  const status =
    exchange.response === undefined
      ? (exchange.error ?? 'no response')
      : `HTTP ${exchange.response.status}`;
  return `<details${open ? ' open' : ''}><summary>${t(`${exchange.id}: ${exchange.request.method} ${exchange.request.url} → ${status} (${exchange.durationMs} ms)`)}</summary><div class="pair"><div><h4>request</h4><pre>${t(formatRequest(exchange))}</pre></div><div><h4>response</h4><pre>${t(formatResponse(exchange))}</pre></div></div></details>`;
}

function problemArticle(
  result: RunResult,
  req: RequirementResult,
  exchanges: Map<string, Exchange>,
  reportPath: string,
): string {
  const cases = failingCases(req);
  const evidence = cases.flatMap((c) =>
    c.evidence.map((e) => {
      const note = seedNote(e);
      const extras = [
        e.pointer === undefined ? '' : ` at <code>${t(e.pointer)}</code>`,
        note === undefined
          ? ''
          : ` <span class="small">(seed ${note.seed}${note.path === undefined ? '' : `, path ${t(note.path)}`})</span>`,
      ].join('');
      const counterexample =
        e.counterexample === undefined
          ? ''
          : `<details open><summary>shrunk counterexample</summary><pre>${t(formatCounterexample(e.counterexample))}</pre></details>`;
      return `<li><b>${t(c.name || c.id)}</b> ${badge(c.verdict)}: ${t(e.message)}${extras}${counterexample}</li>`;
    }),
  );
  const ids = evidenceExchangeIds(cases);
  const shown = ids
    .map((id) => exchanges.get(id))
    .filter((x): x is Exchange => x !== undefined)
    .slice(0, MAX_EXCHANGES_SHOWN);
  const more =
    ids.length > shown.length
      ? `<p class="small">${ids.length - shown.length} more exchanges in exchanges.har.</p>`
      : '';
  const expected =
    req.expected === undefined
      ? ''
      : `<p><b>Expected failure</b>${req.expected.stale ? ' (stale)' : ''}: ${t(req.expected.reason)}</p>`;
  const classes = ['problem', `v-${req.verdict}`, isExpectedFailure(req) ? 'expected' : '']
    .join(' ')
    .trim();
  return `<article class="${classes}" id="${anchor(req.id)}-detail">
<h3>${badge(req.verdict)} <code>${t(req.id)}</code> <span class="small">${t(req.level)} · ${t(req.class)}</span></h3>
<p>${prose(req.statement)} <span class="small">(${t(req.source)})</span></p>${expected}
<ul class="evidence">${evidence.join('') || '<li class="note">no evidence recorded</li>'}</ul>
${shown.map((x, i) => exchangeBlock(x, i < 2)).join('')}${more}
<h4 class="small">reproduce</h4><pre>${t(replayHint(result, req.id, reportPath))}</pre>
</article>`;
}

function problems(result: RunResult, reportPath: string): string {
  const list = problemRequirements(result).sort(bySeverity);
  const exchanges = exchangeIndex(result);
  const stale = staleExpectations(result);
  const staleBlock =
    stale.length === 0
      ? ''
      : `<h3>Stale expectations</h3><p>These are listed as known failures but now pass; remove them from the expectations file:</p><ul>${stale.map((req) => `<li><code>${t(req.id)}</code>: ${t(req.expected?.reason ?? '')}</li>`).join('')}</ul>`;
  const broken = runProblem(result);
  const failed = transportFailures(result).slice(0, 3);
  const brokenBlock =
    broken === undefined
      ? ''
      : `<article class="problem v-ERROR"><h3>${t(broken)}</h3>${failed.map((x) => exchangeBlock(x, true)).join('')}<p class="small">Reproduce: <code>${t(result.command)}</code></p></article>`;
  const body =
    list.length === 0
      ? broken === undefined
        ? '<p class="note">Nothing failed.</p>'
        : ''
      : list.map((req) => problemArticle(result, req, exchanges, reportPath)).join('\n');
  return `<section id="failures"><h2>Failures and warnings (${list.length})</h2>${brokenBlock}${body}${staleBlock}</section>`;
}

function pictures(result: RunResult): string {
  const timeline = timelineSvg(result.timeline, result.endedAt);
  const phases = phasesNeedOwnChart(result.timeline)
    ? phaseHistorySvg(result.timeline, result.endedAt)
    : undefined;
  const phaseBlock =
    phases === undefined
      ? ''
      : `<h3>Phases during the run</h3><p class="small">The offered slots lie far ahead of the few seconds the run watched each session, so its phases are drawn here against the run's own clock (UTC).</p>${phases}`;
  const cut =
    result.timeline.length > MAX_TIMELINE_ROWS
      ? `<p class="small">Showing ${MAX_TIMELINE_ROWS} of ${result.timeline.length} sessions, those with the longest phase histories; report.json has them all.</p>`
      : '';
  const capacity = result.capacity === undefined ? undefined : capacitySvg(result.capacity);
  return `<section id="timeline"><h2>Timeline</h2><p class="small">Each row is one offer or session: the requested start windows, the slot the broker offered, and its phases over time (UTC).</p>${timeline ?? '<p class="note">No offers or sessions were recorded in this run.</p>'}${phaseBlock}${cut}</section>
<section id="capacity"><h2>Capacity use</h2>${
    capacity === undefined
      ? '<p class="note">Capacity use is unknown for this run: the target declared no platform totals, or no samples were taken.</p>'
      : `<p class="small">What offers and sessions held, as a share of the platform total; above the dashed line the broker promised more than it has.</p>${capacity}`
  }</section>`;
}

function coverage(result: RunResult): string {
  const { total, covered, notTestable } = result.coverage;
  const list =
    notTestable.length === 0
      ? ''
      : `<table><thead><tr><th>requirement without a check</th><th>why</th></tr></thead><tbody>${notTestable.map((n) => `<tr><td><code>${t(n.id)}</code></td><td>${t(n.reason)}</td></tr>`).join('')}</tbody></table>`;
  return `<section id="coverage"><h2>Coverage</h2><p>${covered} of ${total} catalogued requirements have checks.</p>${list}</section>`;
}

export function renderHtml(result: RunResult, options: HtmlOptions = {}): string {
  const reportPath = options.reportPath ?? 'report.json';
  const title = `eb-conform: ${OUTCOME_LABEL[result.outcome]} – ${result.target}`;
  return `${pageHead(title, STYLE)}
${header(result)}
<nav><a href="#verdict">verdict</a><a href="#classes">classes</a><a href="#matrix">requirements</a><a href="#failures">failures</a><a href="#timeline">timeline</a><a href="#capacity">capacity</a><a href="#coverage">coverage</a></nav>
<main>
${classCards(result)}
${matrix(result)}
${problems(result, reportPath)}
${pictures(result)}
${coverage(result)}
<footer>Written by ${t(result.tool.name)} ${t(result.tool.version)} from report version ${t(result.reportVersion)}. Full data: report.json, junit.xml, exchanges.har.${options.exchangeNote === undefined ? '' : ` ${t(options.exchangeNote)}`}</footer>
</main>
</body>
</html>
`;
}
