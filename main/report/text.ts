// The analysis as plain text for a terminal: verdicts first, then what to do about the failures.
import type { AnalysisResult, CheckStatus } from '../model/analysis';
import { formatCount, formatUtc } from '../model/display-format';
import { printable as p } from '../model/printable';

const MARK: Record<CheckStatus, string> = { fail: 'FAIL', warn: 'WARN', pass: 'pass', unknown: ' ?? ' };

function wrap(text: string, width: number, indent: string): string {
  // Words from logs and names are escaped one by one: the line breaks wrap() makes are the only ones.
  const words = text.split(/\s+/).map(p);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l)).join('\n');
}

const t = (iso: string | null | undefined) => formatUtc(iso);

/** "AAD Operational log 120 events": the period is in the header, the files in Sources. */
function checkedText(c: AnalysisResult['checks'][number]['checked'][number]): string {
  return `${c.label} ${formatCount(c.count)} ${c.unit}`;
}

export function renderReportText(r: AnalysisResult, width = 100): string {
  const out: string[] = [];
  const d = r.device;
  out.push(`MTR Doctor ${r.tool.version} — ${p(r.input.name)}`);
  out.push(`Device   ${p([d.displayName, d.computer].filter(Boolean).join(' · ')) || '—'}`);
  out.push(`Account  ${p(d.account ?? '—')}`);
  out.push(`App      ${d.appVersion ? `${p(d.appVersion)} (${d.generation})` : 'unknown'}`);
  out.push(`Period   ${t(r.period.from)} – ${t(r.period.to)}`);
  out.push(`Sources  ${p(r.input.sources.join('; ')) || 'none'}`);
  out.push('');
  // The Diagnosis, as the sheet and the app say it (main/analysis/diagnosis.ts).
  out.push(wrap(p(r.diagnosis.headline), width, ''));
  if (r.diagnosis.actions.length) {
    out.push('', 'Do this first:');
    r.diagnosis.actions.forEach((a, i) => out.push(`  ${i + 1}. ${wrap(a.sentence, width - 5, '     ')}`));
  }
  if (r.diagnosis.undecided.length && r.diagnosis.state !== 'not-analysable') {
    out.push('', 'Not decided:');
    for (const u of r.diagnosis.undecided) out.push(`  - ${wrap(`${u.title}: ${u.settle}`, width - 4, '    ')}`);
  }
  if (r.liveTest) {
    const l = r.liveTest;
    out.push('', `Tested from this laptop (${p(l.machine)}) at ${t(l.time)}: ${l.verdict}. ${wrap(`${l.summary} ${l.comparison}`, width - 40, '  ')}`);
  }
  out.push('');
  const pad = ' '.repeat(34);
  r.checks.forEach((c, i) => {
    out.push(`${MARK[c.status]}  ${i + 1}. ${c.title.padEnd(26)} ${wrap(c.summary, width - 34, pad)}`);
    // Why this status, and what was read: a pass or an unknown says what it rests on.
    if (c.status === 'unknown') out.push(`${pad}${wrap(`Why: ${c.reason.code}`, width - 34, pad)}`);
    if (c.checked.length) out.push(`${pad}${wrap(`Checked: ${c.checked.map(checkedText).join('; ')}`, width - 34, pad)}`);
  });
  for (const c of r.checks.filter((x) => x.status === 'fail' || x.status === 'warn')) {
    out.push('', `── ${c.title} (${c.status}) ${'─'.repeat(Math.max(0, width - c.title.length - c.status.length - 7))}`);
    out.push(`   ${wrap(r.diagnosis.banners[c.id].text, width - 4, '   ')}`);
    if (c.attemptCounts) out.push(`   ${formatCount(c.attemptCounts.confirmedInEntra)} of ${formatCount(c.attemptCounts.total)} attempts confirmed in Entra`);
    if (c.firstSeen) out.push(`   first ${t(c.firstSeen)}, last ${t(c.lastSeen)}${c.occurrences ? `, ${c.occurrences} occurrences` : ''}${c.recoveredAt ? `, healthy again ${t(c.recoveredAt)}` : ''}`);
    out.push('   Fix:');
    c.remedy.forEach((s, i) => out.push(`     ${i + 1}. ${wrap(s, width - 8, '        ')}`));
    out.push('   Evidence:');
    for (const e of c.evidence.slice(0, 4)) {
      out.push(`     ${p(e.source)} · ${p(e.locator)}${e.time ? ` · ${t(e.time)}` : ''}`);
      out.push(`       ${wrap(e.excerpt, width - 8, '       ')}`);
    }
    if (c.evidence.length > 4) out.push(`     … ${c.evidence.length - 4} more (--format json for all)`);
  }
  const unclaimed = r.codes.filter((c) => c.check === null);
  if (unclaimed.length) {
    out.push('', 'Other codes seen:');
    for (const c of unclaimed) out.push(`   ${p(c.code)} ${p(c.name)}: ${wrap(c.meaning, width - 20, '      ')} (${c.count}×)`);
  }
  if (r.warnings.length) {
    out.push('', 'Warnings:');
    for (const w of r.warnings) {
      out.push(`   ${p(w.source)}: ${wrap(w.message, width - 10, '      ')}`);
      // The technician's detail (the readers' own words) under the plain sentence.
      if (w.detail) out.push(`      ${wrap(`(${p(w.detail)})`, width - 10, '      ')}`);
    }
  }
  out.push('', d.generationNote);
  return `${out.join('\n')}\n`;
}
