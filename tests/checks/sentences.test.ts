// Every sentence the checks say about the sample bundles and the scenario bundles, in one file a person reads
// as a technician would (tests/checks/__sentences__/sentences.txt, committed and reviewed). A change of wording
// shows in review as a diff of that file; `npx vitest run tests/checks/sentences.test.ts -u` writes it anew.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../main/analysis/analyse';
import { openBundle } from '../../main/bundle/open-bundle';
import { AppTemp } from '../../main/fs/app-temp';
import { CHECK_IDS, type AnalysisResult } from '../../main/model/analysis';
import { repoRoot } from '../support/app-harness';
import { analyzeScenario, NOW } from '../support/analyze-scenario';
import { SCENARIOS } from '../support/bundles/scenarios';

const SAMPLES = path.join(repoRoot, 'assets', 'samples');

async function analyseSample(file: string): Promise<AnalysisResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-sentences-'));
  const bundle = await openBundle(path.join(SAMPLES, file), { temp: new AppTemp(path.join(dir, 'app-temp')) });
  try {
    return await analyse({ bundle: { open: bundle } }, { now: NOW });
  } finally {
    await bundle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** sentence → the bundles that produced it, per check and kind of text. */
type Book = Map<string, Map<string, Set<string>>>;

function collect(book: Book, where: string, r: AnalysisResult) {
  const add = (section: string, text: string | undefined | null) => {
    if (!text) return;
    let s = book.get(section);
    if (!s) book.set(section, (s = new Map()));
    let from = s.get(text);
    if (!from) s.set(text, (from = new Set()));
    from.add(where);
  };
  for (const c of r.checks) {
    add(`${c.id} · summary (${c.status})`, c.summary);
    if (c.reason.text !== c.summary) add(`${c.id} · reason (${c.reason.code})`, c.reason.text);
    add(`${c.id} · action`, c.action);
    for (const step of c.remedy) add(`${c.id} · fix`, step);
    add(`${c.id} · would be settled by`, c.missingSource);
  }
  for (const w of r.warnings) add('warnings', w.message);
}

describe('every sentence the checks produce', () => {
  it('over every sample and scenario bundle, in one reviewed file', async () => {
    const book: Book = new Map();
    for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.zip')).sort()) collect(book, `sample ${file}`, await analyseSample(file));
    for (const s of SCENARIOS) collect(book, `scenario ${s.id}`, (await analyzeScenario(s.id)).result);
    const order = (section: string) => {
      const id = section.split(' · ')[0] as (typeof CHECK_IDS)[number];
      const i = CHECK_IDS.indexOf(id);
      return i === -1 ? 99 : i;
    };
    const sections = [...book.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    const lines: string[] = ['# Every sentence the checks produced over the sample and scenario bundles (tests/checks/sentences.test.ts).', ''];
    for (const section of sections) {
      lines.push(`## ${section}`, '');
      const entries = [...(book.get(section) ?? new Map<string, Set<string>>()).entries()].sort((a, b) => a[0].localeCompare(b[0]));
      for (const [text, from] of entries) lines.push(`- ${text}`, `  (${[...from].join(', ')})`);
      lines.push('');
    }
    const text = lines.join('\n');
    await expect(text).toMatchFileSnapshot('__sentences__/sentences.txt');
    // Nothing a technician should never read: placeholders, doubled words, empty parentheses, a space before a stop.
    const bad = text.split('\n').filter((l) => /<account>|\bundefined\b|\bnull\b|\(\)|\)\s*\(|\s[.,;:](?=\s|$)|(?<![-\w])([a-z]+) \1\b/i.test(l));
    expect(bad).toEqual([]);
  }, 300_000);
});
