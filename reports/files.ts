// The names of the files eb-conform writes, in one place: a run's report folder and a merged
// dashboard's folder.

export const REPORT_FILES = {
  json: 'report.json',
  junit: 'junit.xml',
  md: 'summary.md',
  html: 'report.html',
  har: 'exchanges.har',
  history: 'history.ndjson',
} as const;

export const DASHBOARD_FILES = {
  html: 'dashboard.html',
  json: 'dashboard.json',
  md: 'dashboard.md',
} as const;
