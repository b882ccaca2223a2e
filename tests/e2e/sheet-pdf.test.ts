// The findings sheet on paper, as the CLI prints it with Chromium: page counts on A4 and Letter, the running
// header and page numbers, no page holding only the notes, identifiers whole, and the full report.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, requireChromium } from '../support/app-harness';

requireChromium();
// Each test prints several PDFs through a Chromium child process: room for a loaded two-core machine.
const PDF_TESTS_MS = 240_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-sheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = path.join(repoRoot, 'dist/cli/mtr-doctor.js');
const sample = (id: string) => path.join(repoRoot, 'assets', 'samples', `${id}.zip`);
const SAMPLES = readdirSync(path.join(repoRoot, 'assets', 'samples'))
  .filter((f) => f.endsWith('.zip'))
  .map((f) => f.replace(/\.zip$/, ''));

function pdf(id: string, paper: 'a4' | 'letter', ...extra: string[]): { file: string; pages: number; text: string[] } {
  const file = path.join(dir, `${id}-${paper}${extra.length ? '-full' : ''}.pdf`);
  try {
    execFileSync(process.execPath, [cli, 'analyze', sample(id), '--format', 'pdf', '--paper', paper, '--out', file, ...extra], { stdio: 'pipe' });
  } catch (err) {
    // Exit 1 means "a check fails": expected for these bundles.
    if ((err as { status?: number }).status !== 1) throw err;
  }
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  const text = Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
  return { file, pages, text };
}

describe('findings sheet PDF', { timeout: PDF_TESTS_MS }, () => {
  for (const paper of ['a4', 'letter'] as const) {
    it(`every one-failure sample fits on one page (${paper})`, () => {
      // Which samples have exactly one failing check is the analysis' word, not a list kept here.
      const oneFailure = SAMPLES.filter((id) => {
        const run = spawnSync(process.execPath, [cli, 'analyze', sample(id), '--format', 'json'], { encoding: 'utf8' });
        const r = JSON.parse(run.stdout) as { checks: { status: string }[] };
        return r.checks.filter((c) => c.status === 'fail').length === 1;
      });
      expect(oneFailure.length).toBeGreaterThanOrEqual(6);
      for (const id of oneFailure) {
        const { pages, text } = pdf(id, paper);
        expect(pages, `${id} on ${paper}`).toBe(1);
        expect(text[0]).toMatch(/Do this first/);
        expect(text[0]).toMatch(/Page 1 of 1/);
      }
    });

    it(`three findings fit on two pages, no finding split, notes never alone (${paper})`, () => {
      const { pages, text } = pdf('mixed', paper);
      expect(pages).toBe(2);
      // Running header with the room and date on every page, "Page n of 2" at the bottom.
      text.forEach((t, i) => {
        expect(t).toMatch(/mtr-boardroom@contoso\.com · Teams Rooms sign-in findings\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
        expect(t).toMatch(new RegExp(`Page ${i + 1} of 2`));
      });
      // Each finding's box is whole on one page: its heading and its Fix and Evidence are together.
      for (const title of ['Conditional Access', 'Teams Rooms license', 'Multifactor authentication']) {
        const page = text.find((t) => new RegExp(`\\d\\s+${title}\\s+[✕!]`).test(t));
        expect(page, `${title} box`).toBeDefined();
        const after = page?.slice(page.search(new RegExp(`\\d\\s+${title}\\s+[✕!]`))) ?? '';
        expect(after).toMatch(/FIX[\s\S]*EVIDENCE/);
      }
      // The last page holds a finding, not only the notes and footer.
      expect(text.at(-1)).toMatch(/EVIDENCE[\s\S]*Analyst notes/);
      // Do this first: current failures (Conditional Access, license) before the resolved MFA.
      expect(text[0]).toMatch(/Do this first[\s\S]*Conditional Access blocks it[\s\S]*Teams Rooms license[\s\S]*Resolved, nothing to do now/);
    });
  }

  it('prints the Correlation ID in full, on one line', () => {
    const run = spawnSync(process.execPath, [cli, 'analyze', sample('conditional-access'), '--format', 'json'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout) as {
      checks: { id: string; evidence: { fields?: { label: string; value: string }[]; excerpt: string }[] }[];
    };
    const ids = json.checks
      .find((c) => c.id === 'conditional-access')
      ?.evidence.flatMap((e) => [...(e.fields ?? []).filter((f) => f.label === 'Correlation ID').map((f) => f.value), ...(/Correlation ID: ([0-9a-f-]{36})/.exec(e.excerpt)?.slice(1) ?? [])]);
    expect(ids?.length).toBeGreaterThan(0);
    const { text } = pdf('conditional-access', 'a4');
    // Whole on one line: pdftotext keeps lines, so a wrapped GUID would not match.
    expect(text.join('\n')).toContain(ids?.[0]);
  });

  it('--full prints every evidence item and says nothing of "more in the full report"', () => {
    const sheet = pdf('conditional-access', 'a4');
    const full = pdf('conditional-access', 'a4', '--full');
    expect(sheet.text.join('\n')).toMatch(/more in the full report/);
    expect(full.text.join('\n')).not.toMatch(/more in the full report/);
    expect(full.text[0]).toMatch(/Teams Rooms sign-in full report/i);
    expect(full.pages).toBeGreaterThanOrEqual(sheet.pages);
    const html = path.join(dir, 'full.html');
    try {
      execFileSync(process.execPath, [cli, 'analyze', sample('conditional-access'), '--format', 'html', '--full', '--out', html], { stdio: 'pipe' });
    } catch (err) {
      if ((err as { status?: number }).status !== 1) throw err;
    }
    expect(readFileSync(html, 'utf8')).toMatch(/class="sheet sheet-full"/);
  });
});
