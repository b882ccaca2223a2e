// The findings sheet as a standalone HTML document: the same React component the app shows,
// rendered to static markup with its stylesheet inlined. No scripts: the CSP forbids them.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AnalysisResult } from '../model/analysis';
import { FindingsSheet } from '../sheet/FindingsSheet';
import sheetCss from '../sheet/sheet.css?raw';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function renderReportHtml(result: AnalysisResult, opts: { notes?: string } = {}): string {
  const body = renderToStaticMarkup(createElement(FindingsSheet, { result, notes: opts.notes ?? '' }));
  const title = `Findings — ${result.device.displayName ?? result.device.account ?? result.input.name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
html { background: #fff; }
body { margin: 0; padding: 16px; }
${sheetCss}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
