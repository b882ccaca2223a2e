// The findings sheet as a standalone HTML document: the same React component the app shows,
// rendered to static markup with its stylesheet inlined. No scripts: the CSP forbids them.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AnalysisResult } from '../model/analysis';
import { formatUtc } from '../model/display-format';
import { printable } from '../model/printable';
import { FindingsSheet, sheetTitle } from '../sheet/FindingsSheet';
import type { PageHeader } from './page-templates';
import sheetCss from '../sheet/sheet.css?raw';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The PDF's running header: the sheet's title and when it was generated. */
export function sheetPageHeader(result: AnalysisResult): PageHeader {
  return { title: sheetTitle(result), date: formatUtc(result.generatedAt) };
}

export function renderReportHtml(result: AnalysisResult, opts: { notes?: string; full?: boolean } = {}): string {
  const body = renderToStaticMarkup(createElement(FindingsSheet, { result, notes: opts.notes ?? '', full: opts.full ?? false }));
  return standaloneHtml(`${opts.full ? 'Full report' : 'Findings'} — ${sheetTitle(result)}`, body);
}

/** A sheet's static markup as a document with no scripts (the CSP forbids them) and its stylesheets inlined. */
export function standaloneHtml(title: string, body: string, extraCss = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(printable(title))}</title>
<style>
html { background: #fff; }
body { margin: 0; padding: 16px; }
@media print { body { padding: 0; } }
${sheetCss}
${extraCss}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
