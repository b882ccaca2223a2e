// A property over every sample bundle: remove, empty, truncate or damage any one source (AAD log, Skype Room
// System log, Teams logs), or change the resource account mid-log, and no check may become a pass without its
// positive evidence — and exit 0 never comes from a run in which nothing was evaluated.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse as analyseInput } from '../../main/analysis/analyse';
import { expectOneStory } from '../support/story';
import { exitCodeFor } from '../../main/cli/analyze-command';
import { AppTemp } from '../../main/fs/app-temp';
import type { AnalysisResult } from '../../main/model/analysis';
import { NOW } from '../support/analyze-scenario';
import { scenarioFiles, type BundleFile } from '../support/bundles/build';
import { SCENARIOS, type Scenario } from '../support/bundles/scenarios';
import { Prng } from '../support/prng';
import { buildZip } from '../support/zip-builder';

const SOURCES = {
  aad: /AAD[_%]4?Operational\.evtx$/,
  srs: /Skype Room System\.evtx$/,
  teams: /(Logs\.txt|old_logs_\d+\.txt|MSTeams_[^/]*\.log)$/,
} as const;
type Source = keyof typeof SOURCES;
const MUTATIONS = ['remove', 'empty', 'truncate', 'damage'] as const;
type Mutation = (typeof MUTATIONS)[number];

function mutate(files: BundleFile[], source: Source, how: Mutation, rng: Prng): BundleFile[] {
  return files.flatMap((f) => {
    if (!SOURCES[source].test(f.path)) return [f];
    if (how === 'remove') return [];
    if (how === 'empty') return [{ ...f, data: Buffer.alloc(0) }];
    if (how === 'truncate') return [{ ...f, data: f.data.subarray(0, Math.floor(f.data.length / 2)) }];
    // Damage: overwrite a few runs of bytes somewhere past the start.
    const data = Buffer.from(f.data);
    for (let i = 0; i < 4; i += 1) {
      const at = rng.int(Math.min(512, data.length - 1), Math.max(512, data.length - 65));
      data.fill(rng.int(0, 255), at, Math.min(data.length, at + 64));
    }
    return [{ ...f, data }];
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'mtr-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function analyse(files: BundleFile[]): Promise<AnalysisResult> {
  const zip = path.join(dir, `b${n++}.zip`);
  writeFileSync(zip, buildZip(files.map((f) => ({ name: f.path, data: f.data }))));
  return analyseInput({ bundle: { path: zip, temp: new AppTemp(path.join(dir, 'temp')) } }, { now: NOW });
}

/** The invariants every result must hold, whatever was done to its bundle. */
function expectNoFalsePass(r: AnalysisResult, files: BundleFile[], before: AnalysisResult | null, label: string): void {
  const present = new Set(files.map((f) => f.path));
  for (const c of r.checks) {
    if (c.status !== 'pass') continue;
    const where = `${label}: ${c.id}`;
    expect(c.reason.code, where).toBe('healthy');
    expect(c.lastHealthy, where).toBeTruthy();
    expect(c.checked.length, where).toBeGreaterThan(0);
    // The positive evidence comes from a file that is still in the bundle and was read.
    expect(c.evidence.length, where).toBeGreaterThan(0);
    for (const e of c.evidence) expect(present.has(e.source), `${where} rests on ${e.source}`).toBe(true);
    for (const s of c.checked) expect(present.has(s.source), `${where} checked ${s.source}`).toBe(true);
    // Taking evidence away never turns a non-pass into a plain pass: at most into "last known healthy" before
    // another check's current failure, which the verdict then says in so many words.
    if (before && before.checks.find((x) => x.id === c.id)?.status !== 'pass') {
      expect(c.summary, `${where} was not a pass before`).toMatch(/Last known healthy at .*, before the .* failures began/);
      expect(r.checks.some((x) => x.id !== c.id && x.status === 'fail'), where).toBe(true);
    }
  }
  const exit = exitCodeFor(r);
  if (exit === 0) {
    expect(r.nothingEvaluated, label).not.toBe(true);
    expect(r.checks.every((c) => c.status === 'pass' || c.status === 'warn'), label).toBe(true);
  }
  if (r.nothingEvaluated) expect(exit, label).toBe(2);
  // One story: the headline, the sheet, the fleet row and the exit code agree with the verdicts.
  expectOneStory(r, label);
}

const SAMPLES = SCENARIOS.filter((s) => s.sample);

describe('no check passes without positive evidence, whatever happens to one source', () => {
  it.each(SAMPLES.map((s) => [s.id, s] as const))('%s', async (_id, s: Scenario) => {
    const files = scenarioFiles(s);
    const original = await analyse(files);
    expectNoFalsePass(original, files, null, `${s.id} as shipped`);
    const rng = new Prng(s.seed * 7919);
    for (const source of Object.keys(SOURCES) as Source[]) {
      for (const how of MUTATIONS) {
        const mutated = mutate(files, source, how, rng);
        expectNoFalsePass(await analyse(mutated), mutated, original, `${s.id}, ${how} ${source}`);
      }
    }
    // The same room signing in with another account for the second half: the first half is history.
    const changed = scenarioFiles({ ...s, accountChange: { atHour: s.hours / 2, previous: 'previous-room@contoso.com' } });
    const r = await analyse(changed);
    expectNoFalsePass(r, changed, null, `${s.id}, account changed`);
    expect(r.device.previousAccounts, s.id).toEqual(['previous-room@contoso.com']);
  });
});
