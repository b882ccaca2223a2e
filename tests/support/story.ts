// The one story, checked in every view: the sheet (HTML, the app's Findings step renders the same component),
// the text report, the fleet row and its CSV line and the CLI exit code all say what the Diagnosis says.
import { expect } from 'vitest';
import { fleetRow } from '../../main/analysis/fleet-rows';
import { exitCodeFor } from '../../main/cli/analyze-command';
import type { AnalysisResult } from '../../main/model/analysis';
import { fleetCsvRow } from '../../main/report/fleet-text';
import { renderReportHtml } from '../../main/report/html';
import { renderReportText } from '../../main/report/text';

/** The text of an HTML fragment, as a reader sees it (tags out, entities decoded, spaces folded). */
export function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

export function expectOneStory(r: AnalysisResult, label: string): void {
  const d = r.diagnosis;
  const failing = r.checks.some((c) => c.status === 'fail');
  const undecided = r.checks.some((c) => c.status === 'unknown');
  // The headline never says "no problem" while a check fails or is undecided.
  if (failing || undecided || r.nothingEvaluated) expect(d.headline, label).not.toMatch(/no (sign-in )?problem/i);
  expect(d.state, label).toBe(r.nothingEvaluated ? 'not-analysable' : failing ? 'failing' : undecided || d.actions.some((a) => a.kind === 'unexplained') ? 'undecided' : 'all-clear');
  expect(d.exitCode, label).toBe(d.state === 'not-analysable' ? 2 : d.state === 'all-clear' ? 0 : 1);
  // Every check has its banner, and a resolved problem is never worded as today's action.
  for (const c of r.checks) {
    const b = d.banners[c.id];
    expect(b, `${label} ${c.id}`).toBeDefined();
    if (c.status === 'fail') expect(b.state, `${label} ${c.id}`).toBe(c.reason.code === 'resolved' ? 'resolved' : 'current');
    if (b.state === 'resolved') expect(b.text, `${label} ${c.id}`).toMatch(/^Resolved, nothing to do now/);
  }
  // The CLI's exit code.
  expect(exitCodeFor(r), label).toBe(d.exitCode);
  // The fleet row and its CSV line.
  const row = fleetRow('room.zip', r);
  expect(row.exitCode, label).toBe(d.exitCode);
  expect(row.state, label).toBe(d.state);
  expect(row.firstToFix?.check ?? null, label).toBe(d.actions[0]?.check ?? null);
  expect(row.firstToFix?.action ?? null, label).toBe(d.actions[0]?.sentence ?? null);
  expect(fleetCsvRow(row).split(',').includes(d.state), label).toBe(true);
  // The sheet: its headline and its "Do this first", in order.
  const sheet = visibleText(renderReportHtml(r));
  expect(sheet, label).toContain(fold(d.headline));
  let at = sheet.indexOf('Do this first');
  if (d.actions.length === 0) expect(at, label).toBe(-1);
  for (const a of d.actions) {
    const next = sheet.indexOf(fold(a.sentence), at);
    expect(next, `${label}: the sheet's Do this first has "${a.sentence.slice(0, 60)}…" in its place`).toBeGreaterThan(at);
    at = next;
  }
  // The terminal report says the same headline.
  expect(fold(renderReportText(r, 1000)), label).toContain(fold(d.headline));
}
