// What every HTML page of eb-conform shares (report.html, dashboard.html): colours, type,
// tables, verdict badges and the verdict banner, so a verdict looks the same wherever it is.

import type { Verdict } from '../contract/result.ts';
import { escapeText } from './xml-text.ts';

export const VERDICT_LABEL: Record<Verdict, string> = {
  PASS: 'pass',
  FAIL: 'fail',
  WARN: 'warn',
  ERROR: 'error',
  NOT_APPLICABLE: 'n/a',
  INCONCLUSIVE: 'inconclusive',
  NOT_OBSERVED: 'not observed',
};

export function badge(verdict: Verdict): string {
  return `<span class="badge b-${verdict}">${VERDICT_LABEL[verdict]}</span>`;
}

export const BASE_STYLE = `
:root{--pass:#15803d;--fail:#b91c1c;--warn:#b45309;--error:#7e22ce;--na:#64748b;--inc:#0369a1;--ink:#0f172a;--muted:#475569;--line:#e2e8f0;--bg:#f8fafc}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1060px;margin:0 auto;padding:0 20px 40px}
header.verdict{padding:22px 20px;color:#fff}
header.verdict .inner{max-width:1020px;margin:0 auto}
header.conformant{background:var(--pass)} header.non-conformant{background:var(--fail)} header.unreachable,header.error{background:var(--error)} header.incomplete{background:var(--inc)}
header h1{margin:0;font-size:30px;letter-spacing:.02em}
header p{margin:4px 0 0;font-size:16px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:14px 0 0;font-size:13px}
dl.meta dt{opacity:.8} dl.meta dd{margin:0;word-break:break-all;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 20px;font-size:14px;z-index:1}
nav a{margin-right:14px;color:var(--inc);text-decoration:none}
h2{margin:30px 0 10px;font-size:21px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:0 0 6px}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.badge{display:inline-block;min-width:52px;text-align:center;padding:1px 7px;white-space:nowrap;border-radius:10px;font-size:12px;font-weight:600;color:#fff;text-transform:uppercase}
.b-PASS{background:var(--pass)}.b-FAIL{background:var(--fail)}.b-WARN{background:var(--warn)}.b-ERROR{background:var(--error)}.b-NOT_APPLICABLE{background:var(--na)}.b-INCONCLUSIVE{background:var(--inc)}.b-NOT_OBSERVED{background:var(--na)}
.s-PASS{background:var(--pass)}.s-FAIL{background:var(--fail)}.s-WARN{background:var(--warn)}.s-ERROR{background:var(--error)}.s-NOT_APPLICABLE{background:var(--na)}.s-INCONCLUSIVE{background:var(--inc)}.s-NOT_OBSERVED{background:var(--na)}
.small{font-size:12.5px;color:var(--muted)}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);font-size:13.5px}
th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f1f5f9;font-weight:600}
td code{white-space:nowrap}
.note{color:var(--muted);font-style:italic}
footer{margin-top:30px;font-size:12px;color:var(--muted)}
@media print{nav{display:none}pre{max-height:none}}
`;

/** The start of a page, up to <body>: the same head for every page eb-conform writes. */
export function pageHead(title: string, style: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeText(title)}</title>
<style>${style}</style>
</head>
<body>`;
}
